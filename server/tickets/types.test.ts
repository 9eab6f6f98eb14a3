import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  TICKET_CATEGORIES,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  isTicketCategory,
  isTicketPriority,
  isTicketStatus,
} from "./types";

const schema = readFileSync(path.resolve(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");

function prismaEnum(name: string): string[] {
  const match = new RegExp(`enum ${name} \\{([^}]*)\\}`).exec(schema);
  if (!match?.[1]) throw new Error(`enum ${name} not found in schema.prisma`);
  return match[1]
    .split("\n")
    .map((line) => line.replace(/\/\/.*$/, "").trim())
    .filter((line) => line.length > 0);
}

describe("ticket enums", () => {
  it("match the Prisma enums exactly, in order", () => {
    expect([...TICKET_STATUSES]).toEqual(prismaEnum("TicketStatus"));
    expect([...TICKET_PRIORITIES]).toEqual(prismaEnum("TicketPriority"));
    expect([...TICKET_CATEGORIES]).toEqual(prismaEnum("TicketCategory"));
  });

  it("narrow strings with the guards", () => {
    expect(isTicketStatus("pending")).toBe(true);
    expect(isTicketStatus("solved")).toBe(false);
    expect(isTicketPriority("P4")).toBe(true);
    expect(isTicketPriority("P5")).toBe(false);
    expect(isTicketCategory("menu_update")).toBe(true);
    expect(isTicketCategory("menu")).toBe(false);
  });
});
