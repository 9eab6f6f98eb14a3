import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { TicketDetailView } from "@/components/tickets/ticket-detail";
import { serverApi } from "@/server/api/server-caller";
import { can } from "@/server/auth/permissions";
import { requirePagePermission } from "@/server/auth/session";
import { isUuid } from "@/server/lib/ids";

const NUMBER = /^[1-9][0-9]{0,8}$/;
// Signed out or not allowed: the page itself redirects or answers 403; metadata just has nothing to show.
const NOTHING_TO_SHOW = new Set(["NOT_FOUND", "UNAUTHORIZED", "FORBIDDEN"]);

type Api = Awaited<ReturnType<typeof serverApi>>;

async function idOf(api: Api, param: string): Promise<string | null> {
  if (isUuid(param)) return param;
  if (!NUMBER.test(param)) return null;
  return (await api.tickets.idByNumber({ number: Number(param) })).id;
}

/** The ticket behind /tickets/{number} or /tickets/{uuid}, once per request; null when there is none to see. */
const loadTicket = cache(async (param: string) => {
  const api = await serverApi();
  try {
    const id = await idOf(api, param);
    return id === null ? null : await api.tickets.get({ id });
  } catch (error) {
    if (error instanceof TRPCError && NOTHING_TO_SHOW.has(error.code)) return null;
    throw error;
  }
});

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const data = await loadTicket((await params).id);
  const t = await getTranslations("tickets.detail");
  return { title: data ? `#${data.ticket.number} ${data.ticket.subject}` : t("notFound") };
}

export default async function TicketPage({ params }: Params) {
  const { id } = await params;
  const user = await requirePagePermission("tickets:read", `/tickets/${encodeURIComponent(id)}`);
  const data = await loadTicket(id);
  if (data === null) notFound();
  const api = await serverApi();
  const riskCasesVisible = can(user.roles, "risks:read", user.permissions);
  const [options, riskCases] = await Promise.all([
    api.tickets.filterOptions(),
    riskCasesVisible ? api.risk.casesForTicket({ ticketId: data.ticket.id }) : null,
  ]);

  return (
    <TicketDetailView
      key={data.ticket.id}
      initial={data}
      options={options}
      riskCases={riskCases}
      self={{ id: user.id, name: user.name }}
      canWrite={can(user.roles, "tickets:write", user.permissions)}
    />
  );
}
