import { TRPCClientError } from "@trpc/client";
import { z } from "zod";
import { ticketDetail } from "@/server/tickets/contract";
import type { TicketDetail } from "./types";

const conflictDetails = z.object({ current: ticketDetail(z.date()) });

/** The ticket as it is now, when a write was refused for a stale version; null for any other error. */
export function conflictOf(error: unknown): TicketDetail | null {
  if (!(error instanceof TRPCClientError) || error.data?.code !== "CONFLICT") return null;
  const parsed = conflictDetails.safeParse(error.data?.details);
  return parsed.success ? parsed.data.current : null;
}
