import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { RedirectToSignIn } from "@/components/auth/redirect-to-sign-in";
import { navItemsFor } from "@/components/layout/nav-items";
import { Sidebar } from "@/components/layout/sidebar";
import { TopBar } from "@/components/layout/top-bar";
import { LiveEventsProvider } from "@/components/providers/live-events";
import { permissionsOf } from "@/server/auth/permissions";
import { getSessionUser } from "@/server/auth/session";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  // Not redirect() here: layout and page render in parallel, and a layout does not know the URL, so
  // throwing here could beat the page's own redirect and lose the callbackUrl.
  if (!user) return <RedirectToSignIn />;

  const t = await getTranslations("shell");
  const items = navItemsFor(permissionsOf(user.roles, user.permissions));
  return (
    <LiveEventsProvider>
      <div className="flex h-dvh overflow-hidden">
        <a
          href="#main"
          className="sr-only z-50 rounded-md bg-accent px-3 py-2 text-sm font-medium text-accent-fg focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
        >
          {t("skipToContent")}
        </a>
        <Sidebar items={items} />
        <div className="flex min-w-0 flex-1 flex-col">
          <TopBar user={user} items={items} />
          <main id="main" tabIndex={-1} className="min-h-0 flex-1 overflow-y-auto outline-none">
            {children}
          </main>
        </div>
      </div>
    </LiveEventsProvider>
  );
}
