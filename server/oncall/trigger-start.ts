import type { Tx } from "../db/transaction.ts";
import type { ServiceContext } from "../lib/service-context.ts";
import { policyLevel, type ObjectType } from "./contract.ts";
import { DEFAULT_POLICIES } from "./default-policies.ts";
import { endInTx, startEscalation } from "./escalation-engine.ts";
import { triggerTaken } from "./escalation-repository.ts";
import { routedPolicy } from "./policy-repository.ts";
import type { Severity } from "./working-hours.ts";

// A trigger starting an escalation: the policy routed to the most specific of its trigger names (a rule's own
// route before its severity's), or the built-in one, snapshotted as it is now.

export interface TriggerInput {
  /** Most specific first: ["alert.rule:<id>", "alert.critical"]. The last one names the trigger. */
  triggers: string[];
  triggerKey: string;
  objectType: ObjectType;
  objectId: string;
  severity: Severity;
  title: string;
  path: string;
  teamId: string | null;
  /** The people the object names, for the policy's `assignees` targets. */
  assignees?: string[];
}

export async function escalateFor(tx: Tx, context: ServiceContext, input: TriggerInput): Promise<string> {
  const trigger = input.triggers.at(-1)!;
  const routed = await routedPolicy(tx, input.triggers);
  const policy = routed
    ? {
        name: routed.name,
        version: routed.version,
        levels: policyLevel.array().parse(routed.levels),
        repeat: routed.repeat,
      }
    : DEFAULT_POLICIES[trigger];
  if (!policy) return `no policy for ${trigger}`;
  const started = await startEscalation(tx, context, {
    triggerKey: input.triggerKey,
    objectType: input.objectType,
    objectId: input.objectId,
    severity: input.severity,
    title: input.title,
    path: input.path,
    teamId: input.teamId,
    assignees: input.assignees ?? [],
    trigger,
    policyId: routed?.id ?? null,
    policy,
  });
  return started ? `escalating ${input.objectType} ${input.objectId} (${trigger})` : "already escalating";
}

/**
 * A trigger whose newest occurrence replaces the object's live escalation of the same trigger (an approval
 * reassigned, a stalled step's reminder followed by its breach): the old one is resolved, the new one pages its
 * people. A redelivered occurrence finds its own escalation and changes nothing.
 */
export async function escalateAnew(tx: Tx, context: ServiceContext, input: TriggerInput): Promise<string> {
  if (await triggerTaken(tx, input.triggerKey)) return "already escalating";
  const superseded = await endInTx(
    tx,
    context,
    { objectType: input.objectType, objectId: input.objectId, trigger: input.triggers.at(-1)! },
    { status: "resolved", at: context.clock.now() },
  );
  const note = await escalateFor(tx, context, input);
  return superseded.length > 0 ? `${note}, superseding ${superseded.length}` : note;
}
