import { CATALOGUE, isInboundType, payloadSchema } from "../catalogue.ts";
import type { DryRunRow } from "./contract.ts";
import type { InboxRow } from "./queries.ts";

// A dry run of one replay: what processing would make of the stored event now, computed without writing.

type Invalid = Pick<DryRunRow, "failureClass" | "problem">;

/** The checks the catalogue makes of a stored event before any mapping: known type, its source, its schema. */
function catalogueProblem(row: InboxRow): Invalid | null {
  if (!isInboundType(row.type)) return { failureClass: "schema", problem: `Unknown event type ${row.type}.` };
  if (CATALOGUE[row.type].source !== row.source) {
    return {
      failureClass: "schema",
      problem: `${row.type} comes from ${CATALOGUE[row.type].source}, not ${row.source}.`,
    };
  }
  const schema = payloadSchema(row.type, row.dataVersion);
  if (!schema)
    return { failureClass: "schema", problem: `${row.type} has no data version ${row.dataVersion}.` };
  const parsed = schema.safeParse(row.data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".") || "data"}: ${issue.message}`);
    return { failureClass: "schema", problem: issues.join("; ") };
  }
  return null;
}

export function planReplay(row: InboxRow): DryRunRow {
  const base = { receiptId: row.receiptId, type: row.type, source: row.source };
  const invalid = catalogueProblem(row);
  if (invalid) {
    return {
      ...base,
      outcome: "invalid",
      rule: null,
      why: invalid.problem ?? "",
      effects: [],
      normalised: null,
      ...invalid,
    };
  }
  return {
    ...base,
    outcome: "route",
    rule: row.type,
    why: `The payload matches ${row.type} v${row.dataVersion}; processing routes it by its type.`,
    effects: [],
    normalised: row.data,
    failureClass: null,
    problem: null,
  };
}
