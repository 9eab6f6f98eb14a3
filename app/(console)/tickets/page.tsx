import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type { SearchParams } from "nuqs/server";
import { PageHeader } from "@/components/layout/page-header";
import { loadQueueFilters, queueInputOf } from "@/components/tickets/queue-filters";
import { TicketQueue } from "@/components/tickets/ticket-queue";
import { serverApi } from "@/server/api/server-caller";
import { requirePagePermission } from "@/server/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("tickets.queue");
  return { title: t("title") };
}

export default async function TicketsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePagePermission("tickets:read", "/tickets");
  const filters = await loadQueueFilters(searchParams);
  const api = await serverApi();
  // The first page renders on the server; filter changes, "Load more" and live updates fetch from the client.
  const [firstPage, options, savedViews, t] = await Promise.all([
    api.tickets.queue(queueInputOf(filters)),
    api.tickets.filterOptions(),
    api.tickets.savedViews.list(),
    getTranslations("tickets.queue"),
  ]);

  return (
    <div className="mx-auto w-full max-w-[1600px] px-6 py-6 max-sm:px-3">
      <PageHeader title={t("title")} description={t("description")} />
      <TicketQueue
        initialFilters={filters}
        initialPage={firstPage}
        options={options}
        savedViews={savedViews}
        self={{ id: user.id, name: user.name }}
      />
    </div>
  );
}
