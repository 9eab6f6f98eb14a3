import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

// What the risk procedures answer, as the screens receive it.

type RiskOutputs = inferRouterOutputs<AppRouter>["risk"];

export type CaseListPage = RiskOutputs["list"];
export type CaseListItem = CaseListPage["items"][number];
export type CaseDetail = RiskOutputs["get"];
export type CaseAction = CaseDetail["actions"][number];
export type CaseHistory = RiskOutputs["history"];
export type CaseHistoryEntry = CaseHistory["items"][number];
export type FilterOptions = RiskOutputs["filterOptions"];
export type RuleSetVersion = RiskOutputs["rules"]["list"][number];
export type BacktestResult = RiskOutputs["rules"]["backtest"];
