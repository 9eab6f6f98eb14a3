import { z } from "zod";
import type { Db } from "../db/client.ts";
import { AppError } from "../lib/errors.ts";
import { parseInput } from "../lib/parse-input.ts";
import { actingUser, type ServiceContext } from "../lib/service-context.ts";
import { userMayReadReport } from "./access.ts";
import type { ReportName } from "./metric-definition.ts";
import { isSubscribed, setSubscribed, type Subscriber } from "./subscription-repository.ts";

// "E-mail me the daily report": a person's own switch. The daily snapshot names, in each OpsReportGenerated, the
// subscribers who may read that report; the notification domain sends them the e-mail.

export const subscriptionInput = z.object({ subscribed: z.boolean() });

function person(context: ServiceContext) {
  const user = actingUser(context);
  if (user === null) throw new AppError("FORBIDDEN", "Only a signed-in person has a daily report e-mail.");
  return user;
}

export async function dailyReportSubscription(db: Db, context: ServiceContext) {
  return { subscribed: await isSubscribed(db, person(context).id) };
}

export async function setDailyReportSubscription(db: Db, context: ServiceContext, raw: unknown) {
  const input = parseInput(subscriptionInput, raw);
  await setSubscribed(db, person(context).id, input.subscribed);
  return input;
}

type ReportRecipient = { userId: string; locale: "en" | "ja" };

/** The subscribers who may read the report (its area's permission as well as reports:read). */
export function recipientsOf(subscribers: readonly Subscriber[], name: ReportName): ReportRecipient[] {
  return subscribers
    .filter((subscriber) => userMayReadReport(subscriber, name))
    .map((subscriber) => ({ userId: subscriber.id, locale: subscriber.locale === "ja" ? "ja" : "en" }));
}
