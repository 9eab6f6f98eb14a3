import { describe, expect, it } from "vitest";
import type { MemberView } from "@/server/incidents/contract";
import { affectedMetric, incidentWindow, rangeFor } from "./incident-chart";

const at = (iso: string) => new Date(iso);

function member(kind: MemberView["kind"], label: string | null, joinedAt = "2026-12-06T10:00:00Z") {
  return { kind, label, joinedAt: at(joinedAt), removedAt: null as Date | null };
}

describe("incident room chart", () => {
  it("charts an alert member's metric before anything the tickets suggest", () => {
    const members = [member("ticket", "delivery_delay"), member("alert", "cancellation_rate")];
    expect(affectedMetric(members)).toBe("cancellation_rate");
  });

  it("otherwise follows the commonest ticket category, ignoring removed members", () => {
    const removed = { ...member("ticket", "missing_item"), removedAt: at("2026-12-06T11:00:00Z") };
    const members = [member("ticket", "order_issue"), member("ticket", "refund_request"), removed, removed];
    expect(affectedMetric(members)).toBe("cancellation_rate");
    expect(affectedMetric([member("ticket", "payment")])).toBe("avg_delivery_minutes");
  });

  it("opens the window at the earliest member and closes it at resolution, or now", () => {
    const incident = { createdAt: at("2026-12-06T10:30:00Z"), resolvedAt: null };
    const members = [member("ticket", null, "2026-12-06T10:05:00Z"), member("ticket", null)];
    const now = at("2026-12-06T12:00:00Z").getTime();
    expect(incidentWindow(incident, members, now)).toEqual({
      from: at("2026-12-06T10:00:00Z").getTime(),
      to: now,
    });
    const resolved = { ...incident, resolvedAt: at("2026-12-06T11:00:00Z") };
    expect(incidentWindow(resolved, [], now).to).toBe(at("2026-12-06T11:00:00Z").getTime());
  });

  it("picks the shortest range that holds the window with room before it", () => {
    const now = at("2026-12-06T12:00:00Z").getTime();
    const hoursAgo = (h: number) => ({ from: now - h * 3_600_000 });
    expect(rangeFor(hoursAgo(1), now)).toBe("6h");
    expect(rangeFor(hoursAgo(5), now)).toBe("24h");
    expect(rangeFor(hoursAgo(30), now)).toBe("7d");
    expect(rangeFor(hoursAgo(24 * 10), now)).toBe("30d");
    expect(rangeFor(hoursAgo(24 * 60), now)).toBe("30d");
  });
});
