import { randomUUID } from "node:crypto";
import { getDb } from "../../server/db/client.ts";
import type { InputJsonObject } from "../../server/db/json.ts";
import { withTransaction } from "../../server/db/transaction.ts";
import type { DeliveredEvent } from "../../server/events/delivered-event.ts";
import { recordEvent } from "../../server/events/record.ts";
import type { EventType } from "../../server/events/types.ts";
import { fixedClock, systemContext, type ServiceContext } from "../../server/lib/service-context.ts";
import { loadTemplateFiles, templateContentHash } from "../../server/workflows/template-files.ts";
import {
  findVersionByHash,
  insertVersion,
  upsertTemplate,
} from "../../server/workflows/template-repository.ts";
import { parseTemplate } from "../../server/workflows/template.ts";
import { alertTriggeredPayload } from "./alert-payload.ts";

// Fixtures for workflow binding tests: the repository's templates published, events recorded as their producers
// record them, and the system's context at a chosen instant.

const db = getDb();

export const systemAt = (now?: Date, job = "workflows-test"): ServiceContext =>
  systemContext(job, { correlationId: `test-${randomUUID()}`, ...(now ? { clock: fixedClock(now) } : {}) });

/** Publishes a template definition (same content, same version); answers the template's id. */
export async function publishDefinition(definition: unknown): Promise<string> {
  const parsed = parseTemplate(definition);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const template = parsed.template;
  const contentHash = templateContentHash(template);
  return withTransaction(db, async (tx) => {
    const templateId = await upsertTemplate(tx, template);
    const existing = await findVersionByHash(tx, templateId, contentHash);
    if (!existing)
      await insertVersion(tx, {
        templateId,
        label: template.version,
        contentHash,
        definition: template,
        publishedById: null,
        publishedAt: new Date(),
      });
    return templateId;
  });
}

/** Every template file of the repository, published; template ids by key. */
export async function publishRepositoryTemplates(): Promise<Map<string, string>> {
  const { templates, issues } = await loadTemplateFiles();
  if (issues.length) throw new Error(JSON.stringify(issues));
  const ids = new Map<string, string>();
  for (const { template } of templates) ids.set(template.key, await publishDefinition(template));
  return ids;
}

/** Records an event as its producer would (in its own transaction); answers it as the backbone delivers it. */
export async function produce(
  type: EventType,
  aggregate: { type: string; id: string },
  payload: Record<string, unknown>,
): Promise<DeliveredEvent> {
  const recorded = await withTransaction(db, (tx) =>
    recordEvent(tx, systemAt(undefined, "producer"), {
      type,
      aggregateType: aggregate.type,
      aggregateId: aggregate.id,
      payload: payload as InputJsonObject,
    }),
  );
  const row = await db.domainEvent.findUniqueOrThrow({ where: { id: recorded.id } });
  return { ...row, type: row.type as EventType };
}

export function instancesBoundTo(type: string, id: string) {
  return db.workflowInstance.findMany({
    where: { subjectType: type, subjectId: id },
    include: { template: { select: { key: true } }, steps: { orderBy: { position: "asc" } } },
    orderBy: { startedAt: "asc" },
  });
}

/** An alert of `rule` fired in a city, as the alert evaluator records it. */
export async function alertTriggered(alertId: string, rule: { id: string }, cityId: string) {
  return produce(
    "AlertTriggered",
    { type: "alert", id: alertId },
    alertTriggeredPayload(new Date(), {
      alertId,
      ruleId: rule.id,
      ruleName: "Courier shortage",
      metric: "courier_utilization",
      cityId,
      value: 97,
      valueText: "97 %",
      metricLabel: { en: "Courier utilization", ja: "配達員稼働率" },
    }),
  );
}

/** An alert resolved, as the alert evaluator records it. */
export const alertResolved = (alertId: string, rule: { id: string }, cityId: string) =>
  produce(
    "AlertResolved",
    { type: "alert", id: alertId },
    { alertId, ruleId: rule.id, cityId, city: "TST", state: "resolved" },
  );
