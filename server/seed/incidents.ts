import { DAY_MS, HOUR_MS, MINUTE_MS } from "./random.ts";

// Operational incidents written into the indicator history, and the alerts they raised.

export interface Window {
  from: Date;
  to: Date;
}

export interface Incidents {
  /** Ongoing: Osaka is short of couriers right now. */
  osakaCourierShortage: Window;
  /** Heavy rain in Fukuoka: more orders, fewer couriers, failed deliveries. */
  fukuokaRainstorm: Window;
  /** Tokyo dinner rush overloaded kitchens. */
  tokyoKitchenOverload: Window;
  /** A concert in Nagoya sent orders up. */
  nagoyaOrderSpike: Window;
  /** Sapporo's feed stopped sending for half an hour. */
  sapporoFeedGap: Window;
}

/** `hour` is in JST on the day `daysAgo` days before today (JST). */
function jst(now: Date, daysAgo: number, hour: number): Date {
  const jstMidnight = Math.floor((now.getTime() + 9 * HOUR_MS) / DAY_MS) * DAY_MS - 9 * HOUR_MS;
  return new Date(jstMidnight - daysAgo * DAY_MS + hour * HOUR_MS);
}

export function incidentsAt(now: Date): Incidents {
  return {
    osakaCourierShortage: { from: new Date(now.getTime() - 100 * MINUTE_MS), to: now },
    fukuokaRainstorm: { from: jst(now, 9, 10), to: jst(now, 9, 22) },
    tokyoKitchenOverload: { from: jst(now, 4, 18), to: jst(now, 4, 21) },
    nagoyaOrderSpike: { from: jst(now, 6, 19), to: jst(now, 6, 21) },
    sapporoFeedGap: { from: jst(now, 11, 14), to: jst(now, 11, 14.5) },
  };
}
