import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

// What the city screens receive from the server (Dates stay Dates: tRPC uses superjson).
type Outputs = inferRouterOutputs<AppRouter>;

export type CityTileData = Outputs["cities"]["board"][number];
export type CityDetailData = Outputs["cities"]["detail"];
export type ChartData = Outputs["cities"]["chart"];
export type AlertItem = CityDetailData["alerts"][number];
export type PlanRunData = CityDetailData["plans"][number];
export type RuleViewData = Outputs["alerts"]["rules"]["list"][number];
export type RuleEditorOptions = Outputs["alerts"]["rules"]["options"];
