import type { RetentionSubject } from "./policy.ts";

// What one removal takes with it. A family is a root table (the ticket, the risk case) and every table whose
// rows belong to a root; a chunk deletes the children first, by the root's key, then the roots, so nothing is
// left to a cascade that would remove rows without archiving them (risk signals would not even cascade: their
// foreign key sets caseId null). An integration test checks that every foreign key pointing at a root table is
// listed here, so a table added later cannot be deleted unarchived. Raw indicator points and the hub's inbox rows
// are families of their own with no children, taken by row rather than by uuid key (repository.ts).

export type ArchivedTable =
  | "Ticket"
  | "TicketComment"
  | "TicketAssignment"
  | "TicketSearch"
  | "TicketSlaCheck"
  | "TicketViewer"
  | "RiskCase"
  | "RiskSignal"
  | "MitigationAction"
  | "RiskCaseTicketLink"
  | "CityIndicator"
  | "InboundEvent";

interface ChildTable {
  table: ArchivedTable;
  /** The column holding the root's id. */
  column: string;
}

export interface TableFamily {
  name: "tickets" | "risk_cases" | "risk_signals" | "indicator_points" | "inbound_events";
  subject: RetentionSubject;
  root: ArchivedTable;
  /** Deleted (and archived) before the root, in this order. */
  children: readonly ChildTable[];
}

export const FAMILIES: readonly TableFamily[] = [
  {
    name: "tickets",
    subject: "tickets",
    root: "Ticket",
    children: [
      { table: "TicketComment", column: "ticketId" },
      { table: "TicketAssignment", column: "ticketId" },
      { table: "TicketSearch", column: "ticketId" },
      { table: "TicketSlaCheck", column: "ticketId" },
      { table: "TicketViewer", column: "ticketId" },
      { table: "RiskCaseTicketLink", column: "ticketId" },
    ],
  },
  {
    name: "risk_cases",
    subject: "risk_cases",
    root: "RiskCase",
    children: [
      { table: "RiskSignal", column: "caseId" },
      { table: "MitigationAction", column: "caseId" },
      { table: "RiskCaseTicketLink", column: "caseId" },
    ],
  },
  // Signals that never joined a case age out with the risk policy too.
  { name: "risk_signals", subject: "risk_cases", root: "RiskSignal", children: [] },
  // Raw 5-minute points; their hourly and daily rollups are kept (policy.ts).
  { name: "indicator_points", subject: "indicator_points", root: "CityIndicator", children: [] },
  // The hub's processed inbox rows; nothing points at them (tickets and signals name their event in text).
  { name: "inbound_events", subject: "inbound_events", root: "InboundEvent", children: [] },
];

/**
 * The order a restore inserts tables in: roots before the rows that point at them (tickets and cases before the
 * links between them).
 */
export const RESTORE_ORDER: readonly ArchivedTable[] = [
  "Ticket",
  "RiskCase",
  "TicketComment",
  "TicketAssignment",
  "TicketSearch",
  "TicketSlaCheck",
  "TicketViewer",
  "RiskSignal",
  "MitigationAction",
  "RiskCaseTicketLink",
  "CityIndicator",
  "InboundEvent",
];
