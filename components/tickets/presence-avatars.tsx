import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

interface Person {
  id: string;
  name: string;
}

const MAX_SHOWN = 3;

const CJK = /[\u3040-\u30ff\u3400-\u9fff]/u;

/** "Sakura Tanaka" → "ST"; a Japanese name shows its first character (family name), as initials do not apply. */
export function initialsOf(name: string): string {
  const trimmed = name.trim();
  if (CJK.test(trimmed)) return trimmed.slice(0, 1);
  const words = trimmed.split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? "?";
  const last = words.length > 1 ? (words.at(-1)?.[0] ?? "") : "";
  return (first + last).toUpperCase();
}

/** Who else has the ticket open: overlapping initials, names in the accessible label and tooltip. */
export function PresenceAvatars({ people, size = "sm" }: { people: readonly Person[]; size?: "sm" | "md" }) {
  const t = useTranslations("tickets.presence");
  if (people.length === 0) return null;
  const names = people.map((person) => person.name).join(", ");
  const hidden = people.length - MAX_SHOWN;
  return (
    <span
      role="img"
      data-testid="presence"
      aria-label={t("viewing", { names })}
      title={t("viewing", { names })}
      className="inline-flex items-center -space-x-1.5"
    >
      {people.slice(0, MAX_SHOWN).map((person) => (
        <span
          key={person.id}
          aria-hidden="true"
          className={cn(
            "inline-flex items-center justify-center rounded-full bg-accent/15 font-semibold text-accent ring-2 ring-surface",
            size === "sm" ? "size-5 text-[9px]" : "size-7 text-[11px]",
          )}
        >
          {initialsOf(person.name)}
        </span>
      ))}
      {hidden > 0 ? (
        <span
          aria-hidden="true"
          className={cn(
            "inline-flex items-center justify-center rounded-full bg-surface-muted font-medium text-fg-muted ring-2 ring-surface",
            size === "sm" ? "size-5 text-[9px]" : "size-7 text-[11px]",
          )}
        >
          +{hidden}
        </span>
      ) : null}
    </span>
  );
}
