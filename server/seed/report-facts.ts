import { createPrismaClient } from "../db/client.ts";
import { recomputeTicketFacts } from "../reports/recompute.ts";

/**
 * The ticket report facts folded from the seeded event history, by the code `npm run reports:recompute` runs
 * (the seeded events have no deliveries, so the facts consumer never sees them). It reads committed events.
 */
export async function fillReportFacts(databaseUrl: string): Promise<number> {
  const db = createPrismaClient(databaseUrl);
  try {
    return (await recomputeTicketFacts(db)).tickets;
  } finally {
    await db.$disconnect();
  }
}
