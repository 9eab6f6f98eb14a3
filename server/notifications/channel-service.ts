import type { z } from "zod";
import type { Db } from "../db/client.ts";
import type { InputJsonObject } from "../db/json.ts";
import { withTransaction } from "../db/transaction.ts";
import { recordEvents } from "../events/record.ts";
import { AppError } from "../lib/errors.ts";
import { encryptPii } from "../lib/pii-cipher.ts";
import { piiKeyring } from "../lib/pii-keyring.ts";
import { requirePermission, type ServiceContext } from "../lib/service-context.ts";
import { CONFIG_SCHEMAS, encodeSecret, NEEDS_SECRET, SECRET_SCHEMAS } from "./channel-config.ts";
import {
  channelNameTaken,
  findChannel,
  insertChannel,
  listChannels,
  updateChannel,
  type ChannelRow,
} from "./channel-repository.ts";
import { channelSaveInput, type ChannelSaveInput, type ChannelView } from "./contract.ts";
import { outboxEnqueued } from "./outbox-wake.ts";
import { resolveChannel } from "./resolved-channel.ts";
import { enqueueNotificationsIn } from "./service.ts";

// Admins configure channels: settings readable, the secret write-only (encrypted at rest, never returned), every
// save audited without the secret. A test send goes through the outbox like any page.

function view(row: ChannelRow): ChannelView {
  const resolved = resolveChannel(row, piiKeyring());
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    enabled: row.enabled,
    ratePerMinute: row.ratePerMinute,
    config: (row.config ?? {}) as Record<string, unknown>,
    hasSecret: row.secretCiphertext !== null,
    problem: "unusable" in resolved ? resolved.unusable : null,
    updatedAt: row.updatedAt,
  };
}

export async function listNotificationChannels(db: Db, context: ServiceContext): Promise<ChannelView[]> {
  requirePermission(context, "notifications:manage");
  return (await listChannels(db)).map(view);
}

const invalid = (path: string, message: string) =>
  new AppError("BAD_REQUEST", `${path}: ${message}`, { details: { issues: [{ path, message }] } });

function parsePart<S extends z.ZodType>(schema: S, value: unknown, root: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw invalid([root, ...(issue?.path ?? []).map(String)].join("."), issue?.message ?? "invalid");
}

export async function saveNotificationChannel(
  db: Db,
  context: ServiceContext,
  raw: ChannelSaveInput,
): Promise<ChannelView> {
  requirePermission(context, "notifications:manage");
  const input = parsePart(channelSaveInput, raw, "input");
  const config = parsePart(
    CONFIG_SCHEMAS[input.kind] as z.ZodType,
    input.config,
    "config",
  ) as InputJsonObject;
  const newSecret =
    input.secret === undefined || input.secret === null || input.secret === ""
      ? undefined
      : encryptPii(
          piiKeyring(),
          encodeSecret(parsePart(SECRET_SCHEMAS[input.kind] as z.ZodType, input.secret, "secret")),
        );
  return withTransaction(db, async (tx) => {
    const existing = input.id ? await findChannel(tx, input.id) : null;
    if (input.id && !existing) throw new AppError("NOT_FOUND", "id: no such channel.");
    if (existing && existing.kind !== input.kind) throw invalid("kind", "a channel's kind cannot change");
    if (await channelNameTaken(tx, input.name, input.id))
      throw invalid("name", "another channel has this name");
    if (NEEDS_SECRET[input.kind] && !newSecret && !existing?.secretCiphertext)
      throw invalid("secret", "required");
    const data = {
      name: input.name,
      config,
      enabled: input.enabled,
      ratePerMinute: input.ratePerMinute,
      ...(newSecret ? { secretCiphertext: newSecret } : {}),
    };
    const row = existing
      ? await updateChannel(tx, existing.id, data)
      : await insertChannel(tx, { kind: input.kind, ...data });
    await recordEvents(tx, context, [
      {
        type: "NotificationChannelSaved",
        aggregateType: "notification_channel",
        aggregateId: row.id,
        payload: {
          channelId: row.id,
          kind: row.kind,
          name: row.name,
          enabled: row.enabled,
          ratePerMinute: row.ratePerMinute,
          config,
          created: !existing,
          secretChanged: newSecret !== undefined,
        },
      },
    ]);
    return view(row);
  });
}

/** Sends a test message through the channel (to the admin where the kind needs a person). */
export async function testNotificationChannel(db: Db, context: ServiceContext, input: { id: string }) {
  requirePermission(context, "notifications:manage");
  const channel = await findChannel(db, input.id);
  if (!channel) throw new AppError("NOT_FOUND", "id: no such channel.");
  if (!channel.enabled) throw invalid("id", "the channel is disabled");
  const at = context.clock.now().toISOString();
  const result = await withTransaction(db, (tx) =>
    enqueueNotificationsIn(tx, {
      objectType: "notification_channel",
      objectId: channel.id,
      step: `test:${at}`,
      severity: "info",
      title: `Test message from the ops console (${channel.name})`,
      path: "/admin/notifications",
      recipients: [
        { userId: context.actor.type === "user" ? context.actor.id : null, channels: [channel.kind] },
      ],
    }),
  );
  if (result.queued > 0) outboxEnqueued();
  return { queued: result.queued };
}
