import { z } from "zod";
import {
  channelSaveInput,
  channelTestInput,
  channelView,
  deliveryLogEntry,
  deliveryLogInput,
  inboxInput,
  inboxView,
  markReadInput,
  markReadResult,
  outboxInput,
  outboxOverview,
  redriveInput,
  redriveResult,
} from "../../notifications/contract.ts";
import {
  listNotificationChannels,
  saveNotificationChannel,
  testNotificationChannel,
} from "../../notifications/channel-service.ts";
import { markNotificationsRead, myNotifications, myUnreadCount } from "../../notifications/inbox-service.ts";
import {
  objectDeliveryLog,
  outboxOverview as readOutbox,
  redriveNotifications,
} from "../../notifications/outbox-service.ts";
import { permissionProcedure, router } from "../trpc.ts";

const manage = permissionProcedure("notifications:manage");
const read = permissionProcedure("notifications:read");

export const notificationsRouter = router({
  channels: manage
    .output(z.array(channelView))
    .query(({ ctx }) => listNotificationChannels(ctx.db, ctx.service)),

  saveChannel: manage
    .input(channelSaveInput)
    .output(channelView)
    .mutation(({ ctx, input }) => saveNotificationChannel(ctx.db, ctx.service, input)),

  testChannel: manage
    .input(channelTestInput)
    .output(z.object({ queued: z.number().int() }))
    .mutation(({ ctx, input }) => testNotificationChannel(ctx.db, ctx.service, input)),

  outbox: manage
    .input(outboxInput)
    .output(outboxOverview)
    .query(({ ctx, input }) => readOutbox(ctx.db, ctx.service, input)),

  redrive: manage
    .input(redriveInput)
    .output(redriveResult)
    .mutation(({ ctx, input }) => redriveNotifications(ctx.db, ctx.service, input)),

  /** For the object's timeline: readable by whoever may read the object. */
  deliveryLog: read
    .input(deliveryLogInput)
    .output(z.array(deliveryLogEntry))
    .query(({ ctx, input }) => objectDeliveryLog(ctx.db, ctx.service, input)),

  // ── The bell ──
  inbox: read
    .input(inboxInput)
    .output(inboxView)
    .query(({ ctx, input }) => myNotifications(ctx.db, ctx.service, input)),

  unreadCount: read.output(z.number().int()).query(({ ctx }) => myUnreadCount(ctx.db, ctx.service)),

  markRead: read
    .input(markReadInput)
    .output(markReadResult)
    .mutation(({ ctx, input }) => markNotificationsRead(ctx.db, ctx.service, input)),
});
