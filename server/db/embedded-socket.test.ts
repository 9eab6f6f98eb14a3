import { describe, expect, it } from "vitest";
import { socketDirectory } from "./embedded.ts";

describe("socketDirectory", () => {
  it("puts the socket in the data directory when its path fits", () => {
    expect(socketDirectory("/work/app/.data/postgres", 54329)).toBe("/work/app/.data/postgres");
  });

  it("keeps to TCP when the socket's path would pass PostgreSQL's 107 bytes", () => {
    const deep = `/home/${"nested/".repeat(13)}pg`;
    expect(`${deep}/.s.PGSQL.54329`.length).toBeGreaterThan(107);
    expect(socketDirectory(deep, 54329)).toBeNull();
  });

  it("keeps to TCP for a path the setting's list syntax would split or need quoting for", () => {
    expect(socketDirectory("/home/ann/my app/pg", 54329)).toBeNull();
    expect(socketDirectory("/home/ann/a,b/pg", 54329)).toBeNull();
    expect(socketDirectory("/home/ann/o'neil/pg", 54329)).toBeNull();
  });
});
