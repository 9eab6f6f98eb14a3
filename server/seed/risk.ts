import type { ClientBase } from "pg";
import type { RiskType, TicketCategory } from "../db/generated/enums.ts";
import type { People } from "./people.ts";
import { DAY_MS, type Rng } from "./random.ts";
import { CITIES } from "./reference.ts";
import { buildCase, makeSignals, subjectId, SUBJECTS, type CaseContext } from "./risk-cases.ts";
import { DEFAULT_RULE_SET } from "../risk/rule-set.ts";
import { insertRows, type Row } from "./sql.ts";
import { encryptNullable } from "../lib/pii-cipher.ts";
import { piiKeyring } from "../lib/pii-keyring.ts";
import type { SeededTicket } from "./ticket-activity.ts";

export async function seedRisk(
  db: ClientBase,
  rng: Rng,
  now: Date,
  people: People,
  cityIds: Record<string, string>,
  tickets: readonly SeededTicket[],
  caseCount: number,
): Promise<void> {
  const nowMs = now.getTime();
  const published = new Date(nowMs - 60 * DAY_MS);
  await insertRows(db, "RiskRuleSet", [
    {
      id: rng.uuid7(published),
      version: DEFAULT_RULE_SET.version,
      status: "published",
      rules: DEFAULT_RULE_SET.rules,
      thresholds: DEFAULT_RULE_SET.thresholds,
      notes:
        "Default rules: each matching signal adds the rule's weight, up to its cap; the score is the sum, 0–100.",
      createdById: people.demoIds.admin ?? null,
      createdAt: published,
      publishedAt: published,
    },
  ]);

  const ticketsByCategory = new Map<TicketCategory, SeededTicket[]>();
  for (const ticket of tickets) {
    const group = ticketsByCategory.get(ticket.category) ?? [];
    group.push(ticket);
    ticketsByCategory.set(ticket.category, group);
  }
  const ctx: CaseContext = {
    rng,
    nowMs,
    riskManagerId: people.demoIds.risk_manager ?? null,
    cityIds,
    ticketsByCategory,
    openKeys: new Set(),
  };
  const types = Object.keys(SUBJECTS) as RiskType[];
  const cases: Row[] = [];
  const signals: Row[] = [];
  const actions: Row[] = [];
  const links: Row[] = [];
  const profiles = new Map<string, Row>();
  for (let n = 1; n <= caseCount; n++) {
    const built = buildCase(ctx, n, types[(n - 1) % types.length] as RiskType);
    cases.push(built.riskCase);
    signals.push(...built.signals);
    actions.push(...built.actions);
    links.push(...built.links);
    profiles.set(`${built.profile.subjectType}:${built.profile.subjectId}`, built.profile);
  }
  // Background noise: weak signals that never opened a case.
  for (let k = 0; k < Math.round(caseCount / 2); k++) {
    const type = rng.pick(types);
    const city = rng.pick(CITIES);
    const subjectType = rng.pick(SUBJECTS[type]);
    const subject = {
      type,
      subjectType,
      subjectId: subjectId(rng, subjectType, city),
      cityId: ctx.cityIds[city.code] ?? null,
    };
    signals.push(...makeSignals(rng, subject, null, rng.range(0, 0.3), nowMs - rng.next() * 29 * DAY_MS, 1));
  }

  await insertRows(db, "RiskCase", cases);
  await db.query(
    `SELECT setval(pg_get_serial_sequence('"RiskCase"', 'number'), GREATEST($1::int, 1), $1::int > 0)`,
    [cases.length],
  );
  await insertRows(db, "RiskSignal", signals);
  await insertRows(db, "RiskSubjectProfile", [...profiles.values()].map(encryptProfile));
  await insertRows(db, "MitigationAction", actions);
  await insertRows(db, "RiskCaseTicketLink", links);
}

const PROFILE_PII = ["displayName", "email", "phone", "cardLast4", "address"] as const;

/** Every personal field of a subject is stored encrypted. */
function encryptProfile(profile: Row): Row {
  const keyring = piiKeyring();
  const encrypted = { ...profile };
  for (const field of PROFILE_PII)
    encrypted[field] = encryptNullable(keyring, profile[field] as string | null);
  return encrypted;
}
