import { feedPage, feedQuery, FEED_SOURCE } from "../../hub/feed/contract.ts";
import type { OpenApiArea } from "./operation.ts";

export const feedArea: OpenApiArea = {
  tag: {
    name: "Event feed",
    description: "The console's own domain events, published to the other units as CloudEvents.",
  },
  operations: [
    {
      operationId: "readEventFeed",
      method: "get",
      path: "/api/operations/events",
      scope: "events:read",
      summary: "Read the console's events after a cursor",
      description:
        `CloudEvents 1.0 (JSON format) with \`source\` "${FEED_SOURCE}", \`subject\` ` +
        "`<aggregateType>/<aggregateId>` and the `sequence` extension. Pass `next` back as `after` to resume: " +
        "no event is skipped and none is served twice. Only events of committed, settled transactions are " +
        "served, so an event still being written by a concurrent transaction appears on a later read, never " +
        "behind a cursor already handed out. An empty page means nothing new yet: poll again with the same `next`.",
      query: feedQuery,
      responses: { 200: { description: "A page of events.", schema: feedPage } },
    },
  ],
};
