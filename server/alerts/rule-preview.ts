import type { Db } from "../db/client.ts";
import { listCities } from "../indicators/cities.ts";
import { BUCKET_MS } from "../indicators/metrics.ts";
import { rawPoints } from "../indicators/read.ts";
import { AppError } from "../lib/errors.ts";
import { requirePermission, type ServiceContext } from "../lib/service-context.ts";
import type { PreviewRuleInput, RuleEditorOptions, RulePreview } from "./contract.ts";
import { planTemplates } from "./plan-repository.ts";
import { previewDataFrom, previewRule } from "./preview.ts";
import { parseRuleInput } from "./rule-service.ts";

// "Over the last 7 days this rule would have fired N times", for a rule still being edited, in one city.

const PREVIEW_DAYS = 7;
// Any id: a previewed rule is never stored.
const PREVIEW_RULE_ID = "00000000-0000-7000-8000-000000000000";

export async function previewRuleInput(
  db: Db,
  context: ServiceContext,
  { rule: input, cityId }: PreviewRuleInput,
): Promise<RulePreview> {
  requirePermission(context, "cities:read");
  const rule = { ...parseRuleInput(input), id: PREVIEW_RULE_ID };
  if (rule.cityId !== null && rule.cityId !== cityId) {
    throw new AppError("BAD_REQUEST", "cityId: preview the rule in its own city");
  }
  const to = new Date(Math.floor(context.clock.now().getTime() / BUCKET_MS) * BUCKET_MS);
  const from = new Date(to.getTime() - PREVIEW_DAYS * 86_400_000);
  const rows = await rawPoints(db, [cityId], [rule.metric], previewDataFrom(rule, from), to);
  const preview = previewRule({ ...rule, cityId }, { points: rows }, from, to);
  const points = rows.flatMap((row) =>
    row.bucketStart >= from ? [{ bucketStart: row.bucketStart, value: row.value }] : [],
  );
  return { ...preview, points, from, to };
}

/** The choices the rule form offers. */
export async function ruleEditorOptions(db: Db, context: ServiceContext): Promise<RuleEditorOptions> {
  requirePermission(context, "cities:read");
  const [cities, plans] = await Promise.all([listCities(db), planTemplates(db)]);
  return {
    cities: cities.map(({ id, code, name, nameJa }) => ({ id, code, name, nameJa })),
    plans: plans.map(({ id, key, name, nameJa }) => ({ id, key, name, nameJa })),
  };
}
