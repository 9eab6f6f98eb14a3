import type {
  MitigationStatus,
  RiskCaseStatus,
  RiskResolution,
  RiskSubjectType,
  RiskType,
  TicketCategory,
} from "../db/generated/enums.ts";
import { fakeAddress, fakePerson, fakePhone, fakeRestaurant, orderRef } from "./names.ts";
import { DAY_MS, HOUR_MS, MINUTE_MS, type Rng } from "./random.ts";
import { CITIES, type CitySeed } from "./reference.ts";
import { ackDueAt, queueFor, RISK_ESCALATION_POLICY } from "../risk/escalation.ts";
import { recommendedActions } from "../risk/playbook.ts";
import { DEFAULT_RULE_SET } from "../risk/rule-set.ts";
import { scoreCase } from "../risk/score.ts";
import { SIGNAL_ATTRIBUTES } from "./risk-signals.ts";
import { dateOrNull, type Row } from "./sql.ts";
import type { SeededTicket } from "./ticket-activity.ts";

// One demo risk case with its signals, mitigation actions, ticket link and subject profile.

export const SUBJECTS: Record<RiskType, readonly RiskSubjectType[]> = {
  order_anomaly: ["order", "consumer"],
  refund_abuse: ["consumer"],
  payment_anomaly: ["consumer", "order"],
  account_takeover: ["consumer", "courier"],
  delivery_fraud: ["courier"],
  courier_safety: ["courier"],
  restaurant_collusion: ["restaurant"],
};
const LINKED_CATEGORY: Partial<Record<RiskType, TicketCategory>> = {
  refund_abuse: "refund_request",
  order_anomaly: "missing_item",
  delivery_fraud: "delivery_delay",
  courier_safety: "courier_safety",
};
const MIN_CASE_SCORE = 15;
const RESOLUTION_NOTES: Record<RiskResolution, string> = {
  confirmed_fraud: "不正と判断。アカウント措置済み。",
  mitigated: "Mitigations applied; behaviour back to normal.",
  false_positive: "正常な利用と確認。誤検知。",
};

export interface CaseContext {
  rng: Rng;
  nowMs: number;
  riskManagerId: string | null;
  cityIds: Record<string, string>;
  ticketsByCategory: ReadonlyMap<TicketCategory, readonly SeededTicket[]>;
  openKeys: Set<string>;
}

export interface BuiltCase {
  riskCase: Row;
  signals: Row[];
  actions: Row[];
  links: Row[];
  profile: Row;
}

export function subjectId(rng: Rng, type: RiskSubjectType, city: CitySeed): string {
  if (type === "order") return orderRef(rng, city.code);
  return `${{ consumer: "cus", restaurant: "rst", courier: "cou" }[type]}_${rng.digits(8)}`;
}

function subjectProfile(rng: Rng, subjectType: RiskSubjectType, id: string, city: CitySeed): Row {
  const person = fakePerson(rng);
  const profile = {
    subjectType,
    subjectId: id,
    displayName: person.nameJa,
    email: person.email as string | null,
    phone: fakePhone(rng) as string | null,
    cardLast4: subjectType === "consumer" ? rng.digits(4) : null,
    address: fakeAddress(rng, city.prefecture, city.districts),
  };
  if (subjectType === "restaurant") {
    profile.displayName = fakeRestaurant(rng, city.nameJa);
    profile.email = `store${rng.digits(5)}@partner.example.jp`;
  }
  if (subjectType === "order")
    Object.assign(profile, { displayName: `注文 ${id}`, email: null, phone: null });
  return profile;
}

/** Signals observed up to a day before `around`; intensity in [0, 1] sets how alarming they look. */
export function makeSignals(
  rng: Rng,
  subject: { type: RiskType; subjectType: RiskSubjectType; subjectId: string; cityId: string | null },
  caseId: string | null,
  intensity: number,
  around: number,
  count: number,
) {
  return Array.from({ length: count }, () => {
    const observedAt = new Date(around - rng.range(0, 20) * HOUR_MS);
    const jitter = Math.min(1, Math.max(0, intensity + rng.range(-0.15, 0.15)));
    return {
      id: rng.uuid7(observedAt),
      sourceEventId: `evt_${rng.uuid7(observedAt)}`,
      ...subject,
      attributes: SIGNAL_ATTRIBUTES[subject.type](rng, jitter),
      observedAt,
      receivedAt: new Date(observedAt.getTime() + rng.range(0.5, 20) * 1000),
      caseId,
    };
  });
}

export function buildCase(ctx: CaseContext, number: number, type: RiskType): BuiltCase {
  const { rng, nowMs } = ctx;
  const city = rng.weighted(CITIES.map((c) => [c, c.size] as const));
  const cityId = ctx.cityIds[city.code] ?? null;
  const subjectType = rng.pick(SUBJECTS[type]);
  const status = rng.weighted<RiskCaseStatus>([
    ["open", 40],
    ["mitigating", 22],
    ["closed", 38],
  ]);
  let subject = subjectId(rng, subjectType, city);
  while (ctx.openKeys.has(`${subjectType}:${subject}:${type}`)) subject = subjectId(rng, subjectType, city);
  const openKey = status === "closed" ? null : `${subjectType}:${subject}:${type}`;
  if (openKey) ctx.openKeys.add(openKey);

  const window = { open: 5, mitigating: 12, closed: 30 }[status] * DAY_MS;
  const opened = Math.floor(nowMs - window * rng.next() ** 1.5);
  const id = rng.uuid7(new Date(opened));
  // Cases open because something scored: retry a little hotter until at least one rule fires.
  const signalCount = rng.weighted<number>([
    [1, 30],
    [2, 25],
    [3, 20],
    [4, 12],
    [5, 8],
    [6, 5],
  ]);
  const draw = (intensity: number) =>
    makeSignals(rng, { type, subjectType, subjectId: subject, cityId }, id, intensity, opened, signalCount);
  let intensity = 0.2 + 0.8 * rng.next() ** 1.4;
  let signals = draw(intensity);
  while (scoreCase(DEFAULT_RULE_SET, signals).score < MIN_CASE_SCORE) {
    intensity += 0.1;
    signals = draw(intensity);
  }
  const scored = scoreCase(DEFAULT_RULE_SET, signals);

  const closed = status === "closed" ? Math.min(nowMs, opened + rng.range(2 * HOUR_MS, 5 * DAY_MS)) : null;
  const end = closed ?? nowMs;
  const ackDue = ackDueAt(scored.level, new Date(opened));
  const acked = status !== "open" || rng.chance(0.5) ? opened + (end - opened) * rng.range(0.02, 0.3) : null;
  // As the escalation job would have done: a critical case acknowledged late (or not yet) was escalated.
  const missedAck = ackDue !== null && (acked ?? nowMs) >= ackDue.getTime();
  const escalated =
    RISK_ESCALATION_POLICY[scored.level].escalateOnMissedAck && ackDue !== null && missedAck
      ? Math.min(ackDue.getTime() + rng.range(1, 10) * MINUTE_MS, acked ?? nowMs)
      : null;
  const resolution = closed
    ? rng.weighted<RiskResolution>([
        ["confirmed_fraud", 35],
        ["mitigated", 40],
        ["false_positive", 25],
      ])
    : null;

  const actionCount =
    status === "mitigating"
      ? rng.int(1, 3)
      : resolution && resolution !== "false_positive"
        ? rng.int(1, 2)
        : 0;
  const actions = rng
    .shuffle(recommendedActions(type, scored.level).map((action) => action.kind))
    .slice(0, actionCount)
    .map((kind, index) => {
      const created = Math.min(end, (acked ?? opened) + rng.range(1, 30) * MINUTE_MS);
      // Consistent with the state machine: a mitigating case has work under way, a "mitigated" one finished work.
      const state: MitigationStatus = closed
        ? index === 0
          ? "completed"
          : rng.weighted<MitigationStatus>([
              ["completed", 85],
              ["cancelled", 15],
            ])
        : index === 0
          ? rng.pick<MitigationStatus>(["in_progress", "completed"])
          : rng.pick<MitigationStatus>(["todo", "in_progress", "completed"]);
      const started = state === "todo" ? null : Math.min(end, created + rng.range(5, 120) * MINUTE_MS);
      const completed =
        state === "completed" && started !== null
          ? Math.min(end, started + rng.range(10, 600) * MINUTE_MS)
          : null;
      return {
        id: rng.uuid7(new Date(created)),
        caseId: id,
        kind,
        status: state,
        ownerId: ctx.riskManagerId,
        dueAt: new Date(created + DAY_MS),
        note: null,
        result: completed === null ? null : "Applied and verified.",
        startedAt: dateOrNull(started),
        completedAt: dateOrNull(completed),
        createdAt: new Date(created),
      };
    });

  const related = ctx.ticketsByCategory.get(LINKED_CATEGORY[type] ?? "order_issue") ?? [];
  const links = related.length > 0 && LINKED_CATEGORY[type] && rng.chance(0.3) ? [rng.pick(related)] : [];

  const changes = [acked, escalated, closed, ...actions.map((a) => a.completedAt?.getTime() ?? null)].filter(
    (t) => t !== null,
  );
  return {
    riskCase: {
      id,
      number,
      type,
      subjectType,
      subjectId: subject,
      status,
      openKey,
      score: scored.score,
      level: scored.level,
      contributions: scored.contributions,
      ruleSetVersion: DEFAULT_RULE_SET.version,
      cityId,
      queue: queueFor(scored.level),
      ownerId: status === "open" && rng.chance(0.6) ? null : ctx.riskManagerId,
      ackDueAt: ackDue,
      acknowledgedAt: dateOrNull(acked),
      escalatedAt: dateOrNull(escalated),
      resolution,
      resolutionNote: resolution ? RESOLUTION_NOTES[resolution] : null,
      version: 1 + changes.length,
      openedAt: new Date(opened),
      updatedAt: new Date(Math.max(opened, ...changes)),
      closedAt: dateOrNull(closed),
    },
    signals,
    actions,
    links: links.map((t) => ({
      caseId: id,
      ticketId: t.id,
      createdAt: new Date(Math.max(opened, t.createdAt)),
    })),
    profile: subjectProfile(rng, subjectType, subject, city),
  };
}
