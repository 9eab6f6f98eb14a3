import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Outputs = inferRouterOutputs<AppRouter>["tickets"];
type Inputs = inferRouterInputs<AppRouter>["tickets"];

export type QueuePage = Outputs["queue"];
export type QueueItem = QueuePage["items"][number];
export type QueueSummary = NonNullable<QueuePage["summary"]>;
export type QueueInput = Inputs["queue"];
export type TicketStatus = QueueItem["status"];
export type TicketPriority = QueueItem["priority"];
export type SlaInfo = QueueItem["sla"];

export type TicketWithTimeline = Outputs["get"];
export type TicketDetail = TicketWithTimeline["ticket"];
export type TimelineEntry = TicketWithTimeline["timeline"][number];

export type FilterOptions = Outputs["filterOptions"];
export type Agent = FilterOptions["agents"][number];
export type SavedView = Outputs["savedViews"]["list"][number];
export type SavedQuery = SavedView["query"];
export type Viewer = Outputs["presence"]["viewers"][number];
export type RowViewer = Outputs["presence"]["viewersOf"][number];
export type TicketChange = Omit<Inputs["update"], "id" | "version">;
export type BulkChange = Inputs["bulkUpdate"]["change"];
export type BulkResult = Outputs["bulkUpdate"]["results"][number];
export type LinkedRiskCase = inferRouterOutputs<AppRouter>["risk"]["casesForTicket"][number];
