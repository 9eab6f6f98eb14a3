"use client";

import { useLocale, useTranslations } from "next-intl";
import { useOptimistic, useTransition } from "react";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { setLocale } from "@/server/i18n/actions";
import type { Locale } from "@/server/i18n/locales";

export function LocaleSwitch({ onSwitched }: { onSwitched?: () => void }) {
  const t = useTranslations("locale");
  const locale = useLocale();
  const [shown, setShown] = useOptimistic(locale);
  const [pending, startTransition] = useTransition();

  function choose(next: Locale) {
    startTransition(async () => {
      setShown(next);
      await setLocale(next);
      onSwitched?.();
    });
  }

  return (
    <SegmentedControl
      label={t("label")}
      value={shown}
      onChange={choose}
      disabled={pending}
      options={[
        { value: "en", label: t("en"), title: t("enName"), lang: "en", testId: "locale-en" },
        { value: "ja", label: t("ja"), title: t("jaName"), lang: "ja", testId: "locale-ja" },
      ]}
    />
  );
}
