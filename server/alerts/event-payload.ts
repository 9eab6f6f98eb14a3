import type { Prisma } from "../db/generated/client.ts";
import type { CityRecord } from "../cities/repository.ts";
import type { StoredAlert } from "./repository.ts";
import type { AlertRule } from "./rules.ts";

/** What every alert event carries, so consumers need not look the alert up. */
export function alertEventPayload(
  alert: StoredAlert,
  rule: Pick<AlertRule, "id" | "name" | "metric">,
  city: Pick<CityRecord, "id" | "code">,
  extra: Prisma.InputJsonObject = {},
): Prisma.InputJsonObject {
  return {
    alertId: alert.id,
    ruleId: rule.id,
    ruleName: rule.name,
    metric: rule.metric,
    cityId: city.id,
    city: city.code,
    state: alert.state,
    severity: alert.severity,
    value: alert.value,
    ...extra,
  };
}
