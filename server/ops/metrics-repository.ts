import type { Db } from "../db/client.ts";

export interface BusinessCounts {
  ticketsByStatus: { status: string; count: number }[];
  openRiskCasesByLevel: { level: string; count: number }[];
  activeAlertsByState: { state: string; count: number }[];
  lastEventSeq: number;
}

export async function readBusinessCounts(db: Db): Promise<BusinessCounts> {
  const [tickets, risks, alerts, lastEvent] = await Promise.all([
    db.ticket.groupBy({ by: ["status"], where: { status: { not: "closed" } }, _count: { _all: true } }),
    db.riskCase.groupBy({ by: ["level"], where: { status: { not: "closed" } }, _count: { _all: true } }),
    db.alert.groupBy({ by: ["state"], where: { state: { not: "resolved" } }, _count: { _all: true } }),
    db.domainEvent.aggregate({ _max: { seq: true } }),
  ]);
  return {
    ticketsByStatus: tickets.map((row) => ({ status: row.status, count: row._count._all })),
    openRiskCasesByLevel: risks.map((row) => ({ level: row.level, count: row._count._all })),
    activeAlertsByState: alerts.map((row) => ({ state: row.state, count: row._count._all })),
    lastEventSeq: Number(lastEvent._max.seq ?? 0),
  };
}
