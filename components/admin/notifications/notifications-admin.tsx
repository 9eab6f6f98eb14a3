"use client";

import type { inferRouterOutputs } from "@trpc/server";
import { ChannelsPanel } from "./channels-panel";
import { OutboxPanel } from "./outbox-panel";
import type { AppRouter } from "@/server/api/root";

type Outputs = inferRouterOutputs<AppRouter>["notifications"];
export type ChannelDto = Outputs["channels"][number];
export type OutboxDto = Outputs["outbox"];

/** Channels (configure, test-send) above the outbox (recent deliveries, dead letters and their redrive). */
export function NotificationsAdmin({
  initialChannels,
  initialOutbox,
}: {
  initialChannels: ChannelDto[];
  initialOutbox: OutboxDto;
}) {
  return (
    <div className="space-y-8">
      <ChannelsPanel initial={initialChannels} />
      <OutboxPanel initial={initialOutbox} />
    </div>
  );
}
