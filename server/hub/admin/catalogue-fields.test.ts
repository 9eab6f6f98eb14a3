import { describe, expect, it } from "vitest";
import { CATALOGUE, INBOUND_TYPES, payloadSchema } from "../catalogue.ts";
import { catalogueEntries } from "./catalogue-fields.ts";

describe("the readable catalogue", () => {
  const entries = catalogueEntries();

  it("lists every type and version of the catalogue with its source", () => {
    expect(entries.map((entry) => entry.type)).toEqual(INBOUND_TYPES);
    for (const entry of entries)
      expect(entry.source).toBe(CATALOGUE[entry.type as keyof typeof CATALOGUE].source);
  });

  it("describes each field with its type and whether it is required", () => {
    const cancellation = entries.find((entry) => entry.type === "OrderCancellationRequested")!;
    const field = (name: string) => cancellation.fields.find((f) => f.name === name);
    expect(field("orderId")).toMatchObject({ required: true, type: expect.stringContaining("string") });
    expect(field("reason")?.type).toContain("late_delivery");
    expect(field("requestedAt")?.type).toContain("date-time");
    expect(field("comment")?.required).toBe(false);
    expect(field("amountYen")?.type).toContain("integer");
  });

  it("gives an example payload the schema accepts", () => {
    for (const entry of entries) {
      const schema = payloadSchema(entry.type as keyof typeof CATALOGUE, entry.version)!;
      expect(schema.safeParse(entry.example).success, entry.type).toBe(true);
    }
  });
});
