import { createPrismaClient } from "../db/client.ts";
import { systemContext } from "../lib/service-context.ts";
import { createTicket } from "../tickets/create.ts";

// The demo's live problem: while Osaka is short of couriers, requesters write in about one Dotonbori restaurant.
// Filed through the tickets service after the seed, as an integration would file them, so the console's own
// consumers route them and correlation opens the incident a fresh console shows.

const RESTAURANT = "osaka-dotonbori-kushikatsu";

const COMPLAINTS = [
  { name: "山本 美咲", subject: "注文が1時間たっても届きません", category: "delivery_delay" },
  { name: "中村 健太", subject: "配達予定時刻を40分過ぎています", category: "delivery_delay" },
  { name: "小林 直子", subject: "串カツが冷めて届きました", category: "order_issue" },
  { name: "加藤 翔", subject: "注文がキャンセルされないまま届きません", category: "delivery_delay" },
  { name: "吉田 由美", subject: "セットの品が足りませんでした", category: "order_issue" },
  { name: "山田 大輔", subject: "配達員が見つからないと表示されたままです", category: "delivery_delay" },
] as const;

/** Files the demo's live complaints; run once, right after a fresh seed. */
export async function fileLiveComplaints(databaseUrl: string): Promise<number> {
  const db = createPrismaClient(databaseUrl);
  try {
    const context = systemContext("demo.seed");
    for (const [i, complaint] of COMPLAINTS.entries()) {
      await createTicket(db, context, {
        subject: complaint.subject,
        description: `${complaint.subject}。店舗: 道頓堀の串カツ店。`,
        priority: "P3",
        category: complaint.category,
        source: "consumer",
        language: "ja",
        city: "OSA",
        requesterName: complaint.name,
        requesterEmail: `osaka-requester-${i + 1}@demo.example`,
        restaurantId: RESTAURANT,
      });
    }
    return COMPLAINTS.length;
  } finally {
    await db.$disconnect();
  }
}
