import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { IncidentRoom } from "@/components/incidents/incident-room";
import { can } from "@/server/auth/permissions";
import { requirePagePermission } from "@/server/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("incidents");
  return { title: t("room.title") };
}

export default async function IncidentRoomPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePagePermission("incidents:read", `/incidents/${id}`);
  if (!z.uuid().safeParse(id).success) notFound();
  return (
    <div className="mx-auto w-full max-w-7xl px-6 py-8 max-sm:px-3">
      <IncidentRoom id={id} canReadCities={can(user.roles, "cities:read", user.permissions)} />
    </div>
  );
}
