"use client";

import { useTheme } from "next-themes";
import { useTranslations } from "next-intl";
import { MonitorIcon, MoonIcon, SunIcon } from "@/components/ui/icons";
import { SegmentedControl } from "@/components/ui/segmented-control";

const THEMES = ["light", "dark", "system"] as const;
type ThemeChoice = (typeof THEMES)[number];

const ICONS = { light: SunIcon, dark: MoonIcon, system: MonitorIcon } satisfies Record<ThemeChoice, unknown>;

function isThemeChoice(value: string | undefined): value is ThemeChoice {
  return (THEMES as readonly (string | undefined)[]).includes(value);
}

/** Render only after hydration (e.g. inside an opened menu): the stored theme is unknown on the server. */
export function ThemeSwitch() {
  const t = useTranslations("theme");
  const { theme, setTheme } = useTheme();
  return (
    <SegmentedControl
      label={t("label")}
      value={isThemeChoice(theme) ? theme : undefined}
      onChange={setTheme}
      className="w-full"
      options={THEMES.map((choice) => {
        const Icon = ICONS[choice];
        return {
          value: choice,
          testId: `theme-${choice}`,
          label: (
            <>
              <Icon className="size-3.5" />
              {t(choice)}
            </>
          ),
        };
      })}
    />
  );
}
