import { describe, expect, it } from "vitest";
import { explainStartFailure } from "./embedded-errors";

describe("explainStartFailure", () => {
  it("names a port that is in use", () => {
    const error = explainStartFailure(
      'LOG:  could not bind IPv4 address "127.0.0.1": Address already in use',
      54329,
      "/d",
    );
    expect(error.message).toContain("Port 54329 is already in use");
    expect(error.hint).toMatch(/npm start/);
  });

  it("names a data directory PostgreSQL may not write", () => {
    const error = explainStartFailure(
      'FATAL:  could not open file "/d/PG_VERSION": Permission denied',
      1,
      "/d",
    );
    expect(error.message).toContain("/d");
    expect(error.hint).toMatch(/DATABASE_URL/);
  });

  it("explains the root refusal", () => {
    const error = explainStartFailure("Postgres cannot run as a root user.", 1, "/d");
    expect(error.message).toMatch(/root/);
    expect(error.hint).toMatch(/normal user|DATABASE_URL/);
  });

  it("falls back to the last lines of the log", () => {
    const error = explainStartFailure("a\nb\nc\nd\ne\nf\nFATAL: something odd", 1, "/d");
    expect(error.message).toContain("FATAL: something odd");
    expect(error.message).not.toContain("\na\n");
  });
});
