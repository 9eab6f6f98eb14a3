import { z } from "zod";
import { withTransaction } from "../db/transaction.ts";
import type { EventHandler } from "../events/delivered-event.ts";
import { escalateFor } from "./trigger-start.ts";
import { resolve } from "./trigger-endings.ts";

// The event hub's sources as a backbone consumer: a source that stopped sending ("indicator updates stopped")
// pages by the policy routed to hub.source_silent, and its next event resolves the page. Nothing here reads the
// hub's tables: the events say which source and since when.

const sourceSilent = z.object({ source: z.string(), silentSince: z.string().nullable() });

export const escalateEventSources: EventHandler = async (db, context, event) => {
  switch (event.type) {
    case "InboundSourceSilent": {
      const { source, silentSince } = sourceSilent.parse(event.payload);
      return withTransaction(db, (tx) =>
        escalateFor(tx, context, {
          triggers: ["hub.source_silent"],
          triggerKey: `hub.source_silent:${source}:${silentSince ?? event.id}`,
          objectType: "event_source",
          objectId: source,
          severity: "high",
          title: `No events from ${source}${silentSince ? ` since ${silentSince}` : ""}`,
          path: "/admin/hub",
          teamId: null,
        }),
      );
    }
    case "InboundSourceResumed":
      return resolve(db, context, event);
    default:
      return `ignored ${event.type}`;
  }
};
