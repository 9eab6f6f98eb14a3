import { describe, expect, it } from "vitest";
import { durationParts, readSla, serverReading } from "./sla";

const NOW = Date.parse("2026-11-23T03:00:00Z");
const at = (minutes: number) => new Date(NOW + minutes * 60_000);
const running = { paused: false, atRisk: false, dueAt: at(60), atRiskAt: at(30) };

describe("readSla", () => {
  it("is ok before the at-risk instant and at risk from it", () => {
    expect(readSla(running, NOW)).toEqual({ tone: "ok", remainingMs: 3_600_000 });
    expect(readSla(running, at(30).getTime()).tone).toBe("at_risk");
  });

  it("is breached from the deadline on, counting the overdue time", () => {
    expect(readSla(running, at(60).getTime())).toEqual({ tone: "breached", remainingMs: 0 });
    expect(readSla(running, at(75).getTime()).remainingMs).toBe(-900_000);
  });

  it("shows a paused clock as paused, without a countdown", () => {
    expect(readSla({ ...running, paused: true, atRiskAt: null }, at(90).getTime())).toEqual({
      tone: "paused",
      remainingMs: null,
    });
  });

  it("is stopped once no target runs", () => {
    expect(readSla({ ...running, dueAt: null, atRiskAt: null }, NOW).tone).toBe("stopped");
  });

  it("falls back to the server's flag without an at-risk instant", () => {
    expect(readSla({ ...running, atRiskAt: null, atRisk: true }, NOW).tone).toBe("at_risk");
  });
});

describe("durationParts", () => {
  it("keeps the two largest units", () => {
    expect(durationParts(2 * 86_400_000 + 5 * 3_600_000 + 59_000)).toEqual({ unit: "dh", a: 2, b: 5 });
    expect(durationParts(3 * 3_600_000 + 7 * 60_000 + 30_000)).toEqual({ unit: "hm", a: 3, b: 7 });
    expect(durationParts(-(12 * 60_000 + 5_000))).toEqual({ unit: "ms", a: 12, b: 5 });
    expect(durationParts(42_400)).toEqual({ unit: "s", a: 42, b: 0 });
  });
});

describe("serverReading", () => {
  it("uses the server's flags without a countdown", () => {
    expect(serverReading({ ...running, atRisk: true })).toEqual({ tone: "at_risk", remainingMs: null });
    expect(serverReading({ ...running, paused: true })).toEqual({ tone: "paused", remainingMs: null });
  });
});
