import { describe, expect, it } from "vitest";
import { STEP_UP_PROCEDURES } from "../auth/permissions.ts";
import { TICKET_CATEGORIES } from "../tickets/types.ts";
import { TicketCategory } from "../db/generated/enums.ts";
import { appRouter } from "./root.ts";

// Flattened "a.b.c" paths to procedures; the router's own type nests them, hence the cast.
const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;

describe("step-up declaration", () => {
  it("names only procedures that exist, each a mutation", () => {
    for (const path of STEP_UP_PROCEDURES) {
      expect(procedures[path], path).toBeDefined();
      expect(procedures[path]?._def.type, path).toBe("mutation");
    }
  });

  it("covers every user and role change", () => {
    const userMutations = Object.keys(procedures).filter(
      (path) => path.startsWith("users.") && procedures[path]?._def.type === "mutation",
    );
    expect(userMutations.filter((path) => !STEP_UP_PROCEDURES.has(path))).toEqual([]);
  });
});

describe("agent skills", () => {
  it("are the database's ticket categories", () => {
    expect([...TICKET_CATEGORIES].sort()).toEqual(Object.values(TicketCategory).sort());
  });
});
