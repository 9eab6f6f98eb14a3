import { randomUUID } from "node:crypto";
import type { ClientBase } from "pg";
import { ruleDefinitionSchema, type RuleDefinition } from "../incidents/correlation-rule.ts";

// The correlation rules a fresh console starts with (version 1 each): many tickets about one restaurant, a city
// alert together with delivery tickets from the same city, and risk signals piling up on one courier.

const RULES: { name: string; definition: RuleDefinition }[] = [
  {
    name: "Tickets about one restaurant",
    definition: ruleDefinitionSchema.parse({
      key: "restaurant",
      windowMinutes: 30,
      maxWindowMinutes: 240,
      minCount: 5,
      minReporters: 3,
      members: [
        { kind: "ticket", categories: ["order_issue", "delivery_delay", "missing_item", "refund_request"] },
      ],
      priority: "P2",
      title: "Many tickets about restaurant {key}",
    }),
  },
  {
    name: "City alert with delivery tickets",
    definition: ruleDefinitionSchema.parse({
      key: "city",
      windowMinutes: 30,
      maxWindowMinutes: 360,
      minCount: 10,
      // The alert's rule is one reporter; the tickets' requesters the others.
      minReporters: 5,
      members: [
        { kind: "alert", metrics: [] },
        { kind: "ticket", categories: ["delivery_delay", "order_issue"] },
      ],
      priority: "P1",
      title: "Delivery problems in {key}",
    }),
  },
  {
    name: "Risk signals on one courier",
    definition: ruleDefinitionSchema.parse({
      key: "courier",
      windowMinutes: 120,
      maxWindowMinutes: 1440,
      minCount: 2,
      minReporters: 2,
      members: [
        { kind: "risk_signal", types: [] },
        { kind: "ticket", categories: ["courier_safety"] },
      ],
      priority: "P3",
      title: "Courier {key}: repeated risk signals",
    }),
  },
];

export async function seedCorrelationRules(db: ClientBase, now: Date): Promise<number> {
  for (const rule of RULES) {
    const id = randomUUID();
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO "CorrelationRule" (id, name, enabled, "currentVersion", "createdAt", "updatedAt")
       VALUES ($1, $2, true, 1, $3, $3) ON CONFLICT (name) DO NOTHING RETURNING id`,
      [id, rule.name, now],
    );
    if (rows.length === 0) continue;
    await db.query(
      `INSERT INTO "CorrelationRuleVersion" ("ruleId", version, definition, "createdAt") VALUES ($1, 1, $2, $3)`,
      [id, JSON.stringify(rule.definition), now],
    );
  }
  return RULES.length;
}
