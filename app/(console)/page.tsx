import { getTranslations } from "next-intl/server";
import { AreaCard } from "@/components/layout/area-card";
import { isAreaItem, navItemsFor } from "@/components/layout/nav-items";
import { PageHeader } from "@/components/layout/page-header";
import { RoleBadges } from "@/components/layout/role-badges";
import { Card } from "@/components/ui/card";
import { MyTasks } from "@/components/workflows/my-tasks";
import { can, permissionsOf } from "@/server/auth/permissions";
import { requireSignedIn } from "@/server/auth/session";

/** Each person's day: My tasks first, then a compact list of the areas they work in. */
export default async function OverviewPage() {
  const user = await requireSignedIn("/");
  const t = await getTranslations("overview");
  const tNav = await getTranslations("nav");
  const tAreas = await getTranslations("areas");
  const areas = navItemsFor(permissionsOf(user.roles, user.permissions)).filter(isAreaItem);

  return (
    <div className="mx-auto w-full max-w-5xl space-y-8 px-6 py-8 max-sm:px-3 max-sm:py-4">
      <PageHeader
        title={t("greeting", { name: user.name })}
        description={t("subtitle", { email: user.email })}
      >
        <RoleBadges roles={user.roles} className="mt-3" />
      </PageHeader>

      {can(user.roles, "workflows:read", user.permissions) && <MyTasks />}

      <section aria-labelledby="areas-heading">
        <h2 id="areas-heading" className="mb-3 text-xs font-semibold tracking-wide text-fg-muted uppercase">
          {t("areasHeading")}
        </h2>
        {areas.length > 0 ? (
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {areas.map((item) => (
              <li key={item.key}>
                <AreaCard item={item} title={tNav(item.key)} description={tAreas(item.key)} />
              </li>
            ))}
          </ul>
        ) : (
          <Card className="p-6">
            <p className="text-sm font-medium">{t("noAreasTitle")}</p>
            <p className="mt-1 text-sm text-fg-muted">{t("noAreasBody")}</p>
          </Card>
        )}
      </section>
    </div>
  );
}
