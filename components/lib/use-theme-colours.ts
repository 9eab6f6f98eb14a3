"use client";

import { useSyncExternalStore } from "react";

// Recharts draws SVG with concrete colours; read the theme's CSS variables and follow theme switches.
const VARIABLES = [
  "--accent",
  "--success",
  "--warning",
  "--danger",
  "--fg",
  "--fg-muted",
  "--border",
  "--surface",
] as const;
type Variable = (typeof VARIABLES)[number];
export type ThemeColours = Record<Variable, string>;

const FALLBACK: ThemeColours = {
  "--accent": "#4f46e5",
  "--success": "#1c7c47",
  "--warning": "#a15c07",
  "--danger": "#c92a2a",
  "--fg": "#15171c",
  "--fg-muted": "#5f6678",
  "--border": "#e3e5ea",
  "--surface": "#ffffff",
};

function subscribe(onChange: () => void) {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class", "style"] });
  return () => observer.disconnect();
}

let cached: { key: string; colours: ThemeColours } | null = null;

function read(): ThemeColours {
  const style = getComputedStyle(document.documentElement);
  const values = VARIABLES.map((name) => style.getPropertyValue(name).trim());
  const key = values.join("|");
  // The same object while nothing changed, as useSyncExternalStore requires.
  if (cached?.key !== key) {
    cached = {
      key,
      colours: Object.fromEntries(
        VARIABLES.map((name, i) => [name, values[i] || FALLBACK[name]]),
      ) as ThemeColours,
    };
  }
  return cached.colours;
}

export function useThemeColours(): ThemeColours {
  return useSyncExternalStore(subscribe, read, () => FALLBACK);
}
