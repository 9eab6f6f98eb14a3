import type { z } from "zod";
import type { enqueueInput } from "./contract.ts";
import type { NewDelivery } from "./outbox-repository.ts";
import type { ChannelKind } from "./types.ts";

// Which outbox rows a request makes: each recipient × channel kind goes to every enabled channel of that kind
// (in-app needs no channel row: the recipient's own list is the channel). E-mail and in-app need a person;
// a webhook subscriber hears only the object types it asked for.

export interface RoutableChannel {
  id: string;
  kind: ChannelKind;
  /** Webhook subscribers' object types (empty: all). */
  objectTypes: readonly string[];
}

type Parsed = z.output<typeof enqueueInput>;

export interface PlannedRow extends NewDelivery {
  notBefore: Date | null;
}

const idempotencyKeyOf = (
  input: Pick<Parsed, "objectType" | "objectId" | "step">,
  userId: string | null,
  channel: string,
): string => [`${input.objectType}:${input.objectId}`, input.step, userId ?? "-", channel].join("|");

const NEEDS_PERSON = new Set<ChannelKind>(["email", "in_app"]);

export function planDeliveries(
  input: Parsed,
  channels: readonly RoutableChannel[],
): { rows: PlannedRow[]; unrouted: { userId: string | null; channel: ChannelKind }[] } {
  const rows = new Map<string, PlannedRow>();
  const unrouted: { userId: string | null; channel: ChannelKind }[] = [];
  for (const recipient of input.recipients) {
    for (const kind of new Set(recipient.channels)) {
      if (NEEDS_PERSON.has(kind) && recipient.userId === null) {
        unrouted.push({ userId: null, channel: kind });
        continue;
      }
      const targets =
        kind === "in_app"
          ? [null]
          : channels
              .filter((channel) => channel.kind === kind)
              .filter(
                (channel) =>
                  channel.objectTypes.length === 0 || channel.objectTypes.includes(input.objectType),
              )
              .map((channel) => channel.id);
      if (targets.length === 0) unrouted.push({ userId: recipient.userId, channel: kind });
      for (const channelId of targets) {
        const idempotencyKey = idempotencyKeyOf(input, recipient.userId, channelId ?? "in_app");
        rows.set(idempotencyKey, {
          idempotencyKey,
          channelId,
          channelKind: kind,
          recipientUserId: recipient.userId,
          objectType: input.objectType,
          objectId: input.objectId,
          escalationId: input.escalationId,
          step: input.step,
          action: input.action,
          severity: input.severity,
          title: input.title,
          path: input.path,
          notBefore: recipient.notBefore,
        });
      }
    }
  }
  return { rows: [...rows.values()], unrouted };
}
