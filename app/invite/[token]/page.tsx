import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AcceptInviteForm } from "@/components/auth/accept-invite-form";
import { Card } from "@/components/ui/card";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("security.invite");
  return { title: t("pageTitle") };
}

// The one-time link from an admin's invitation: the token is checked when the password is set.
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("security.invite");
  return (
    <main className="flex min-h-dvh items-center justify-center bg-surface-muted px-4 py-12">
      <Card className="w-full max-w-sm p-6 shadow-sm">
        <h1 className="text-lg font-semibold tracking-tight">{t("pageTitle")}</h1>
        <p className="mt-1 mb-5 text-sm text-fg-muted">{t("body")}</p>
        <AcceptInviteForm token={token} />
      </Card>
    </main>
  );
}
