import { z } from "zod";

// TicketAssignment.reason is free-form JSON in the contract (unknown): routing writes candidates, loads and the
// deciding step; a manual change writes who did it; older demo rows name candidates by userId. Read what is there.

interface Candidate {
  id: string | null;
  load: number;
  capacity: number;
  eligible?: boolean;
  why?: string | null;
  loadRatio?: number | null;
}

const candidateObject = z
  .object({
    id: z.string().optional(),
    userId: z.string().optional(),
    eligible: z.boolean().optional(),
    why: z.string().nullable().optional(),
    load: z.number(),
    capacity: z.number(),
    loadRatio: z.number().nullable().optional(),
  })
  .transform(({ id, userId, ...rest }): Candidate => ({ ...rest, id: id ?? userId ?? null }));

// Routing's compact form: [id, load, capacity], with why appended for a candidate passed over.
const candidateTuple = z
  .tuple([z.string(), z.number(), z.number()])
  .rest(z.string())
  .transform(([id, load, capacity, why]): Candidate => ({
    id,
    load,
    capacity,
    ...(why === undefined ? {} : { eligible: false, why }),
  }));

const candidate = z.union([candidateTuple, candidateObject]);

const reasonSchema = z.object({
  rule: z.string(),
  decidedBy: z.string().optional(),
  weight: z.number().optional(),
  by: z.string().nullable().optional(),
  candidates: z.array(candidate).optional(),
});

export type AssignmentReason = z.infer<typeof reasonSchema>;
export type AssignmentCandidate = NonNullable<AssignmentReason["candidates"]>[number];

export function readAssignmentReason(reason: unknown): AssignmentReason | null {
  const parsed = reasonSchema.safeParse(reason);
  return parsed.success ? parsed.data : null;
}

/** Load over capacity with this ticket taken, in %, as routing compares it; null without a capacity. */
export function loadPercent(candidate: AssignmentCandidate, weight = 0): number | null {
  if (typeof candidate.loadRatio === "number") return Math.round(candidate.loadRatio * 100);
  return candidate.capacity > 0 ? Math.round(((candidate.load + weight) / candidate.capacity) * 100) : null;
}
