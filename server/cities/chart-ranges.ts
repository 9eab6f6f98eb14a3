// The chart ranges the city screens offer; shared by the server (board.ts) and the range picker.
export const CHART_RANGES = ["6h", "24h", "7d", "30d"] as const;
export type ChartRange = (typeof CHART_RANGES)[number];
