"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useDeferredValue, useId, useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

export interface PersonOption {
  userId: string;
  name: string;
  email: string;
}

/** The people of these ids, by name (for what a form already holds). */
export function usePeople(ids: readonly string[]) {
  const trpc = useTRPC();
  const query = useQuery({
    ...trpc.oncall.people.queryOptions({ search: "", ids: [...ids] }),
    enabled: ids.length > 0,
  });
  return new Map((query.data ?? []).map((person) => [person.userId, person]));
}

/**
 * A searchable user select: type part of a name or e-mail, pick from the matches. Offers nobody until two
 * characters are typed; `exclude` leaves out people already chosen elsewhere in the form.
 */
export function UserPicker({
  id,
  label,
  onPick,
  exclude = [],
}: {
  id: string;
  label: string;
  onPick: (person: PersonOption) => void;
  exclude?: readonly string[];
}) {
  const t = useTranslations("oncall.picker");
  const trpc = useTRPC();
  const listId = useId();
  const [search, setSearch] = useState("");
  const deferred = useDeferredValue(search.trim());
  const matches = useQuery({
    ...trpc.oncall.people.queryOptions({ search: deferred, ids: [] }),
    enabled: deferred.length >= 2,
  });
  const options = (matches.data ?? []).filter((person) => !exclude.includes(person.userId));
  const open = deferred.length >= 2;

  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <Input
        id={id}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        autoComplete="off"
        placeholder={t("placeholder")}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      {open ? (
        <ul
          id={listId}
          role="listbox"
          aria-label={label}
          className="flex max-h-48 flex-col overflow-y-auto rounded-md border border-border bg-surface"
        >
          {options.length === 0 ? (
            <li className="px-3 py-2 text-sm text-fg-muted">
              {matches.isFetching ? t("searching") : t("noMatch")}
            </li>
          ) : (
            options.map((person) => (
              <li key={person.userId} role="option" aria-selected={false}>
                <button
                  type="button"
                  className="flex w-full flex-col items-start px-3 py-2 text-left text-sm hover:bg-surface-muted focus-visible:bg-surface-muted"
                  onClick={() => {
                    onPick(person);
                    setSearch("");
                  }}
                >
                  <span className="font-medium break-words">{person.name}</span>
                  <span className="text-xs break-all text-fg-muted">{person.email}</span>
                </button>
              </li>
            ))
          )}
        </ul>
      ) : null}
    </div>
  );
}

/** One person chosen with a picker: their name, and a way to pick someone else. */
export function SinglePersonField({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: PersonOption | null;
  onChange: (person: PersonOption | null) => void;
}) {
  const t = useTranslations("oncall.picker");
  if (value === null) return <UserPicker id={id} label={label} onPick={onChange} />;
  return (
    <div className="flex flex-col gap-1">
      <span className="text-sm font-medium">{label}</span>
      <span className="flex flex-wrap items-center gap-2 text-sm" data-testid={`${id}-chosen`}>
        <span className="font-medium break-words">{value.name}</span>
        <span className="text-xs break-all text-fg-muted">{value.email}</span>
        <Button size="sm" variant="ghost" onClick={() => onChange(null)}>
          {t("change")}
        </Button>
      </span>
    </div>
  );
}
