"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type RefObject } from "react";
import { Input } from "@/components/ui/input";
import { SEARCH_MAX, SEARCH_MIN } from "./queue-filters";

const DEBOUNCE_MS = 350;

interface SearchBoxProps {
  value: string | null;
  onSearch: (q: string | null) => void;
  inputRef: RefObject<HTMLInputElement | null>;
}

/**
 * Full-text search (Japanese and English). Searches as you type once two characters are in, but never in the
 * middle of an IME composition, where the text is still being converted to kanji.
 */
export function SearchBox({ value, onSearch, inputRef }: SearchBoxProps) {
  const t = useTranslations("tickets.filters");
  const [text, setText] = useState(value ?? "");
  const [composing, setComposing] = useState(false);
  const [synced, setSynced] = useState(value);
  const [sent, setSent] = useState(value);
  const onSearchRef = useRef(onSearch);

  // The URL changed from elsewhere (a saved view, back/forward): show its search. When it is only our own
  // debounced search arriving, the user may have typed on since, so the text stays as it is.
  if (synced !== value) {
    setSynced(value);
    if (value !== sent) setText(value ?? "");
  }

  useEffect(() => {
    onSearchRef.current = onSearch;
  }, [onSearch]);

  useEffect(() => {
    if (composing) return;
    const trimmed = text.trim();
    const next = trimmed.length >= SEARCH_MIN ? trimmed : null;
    if (next === value) return;
    const timer = setTimeout(() => {
      setSent(next);
      onSearchRef.current(next);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, composing, value]);

  return (
    <div className="relative w-56">
      <Input
        ref={inputRef}
        type="search"
        data-testid="queue-search"
        aria-label={t("search")}
        aria-keyshortcuts="/"
        placeholder={t("searchPlaceholder")}
        value={text}
        maxLength={SEARCH_MAX}
        onChange={(event) => setText(event.target.value)}
        onCompositionStart={() => setComposing(true)}
        onCompositionEnd={() => setComposing(false)}
        onKeyDown={(event) => {
          if (event.key === "Escape" && text !== "") {
            event.stopPropagation();
            setText("");
          }
        }}
        className="h-8 pr-7 text-xs [&::-webkit-search-cancel-button]:appearance-none"
      />
      {text === "" ? (
        <kbd
          aria-hidden="true"
          className="pointer-events-none absolute top-1/2 right-2 -translate-y-1/2 rounded border border-border px-1 font-mono text-[10px] text-fg-muted"
        >
          /
        </kbd>
      ) : null}
    </div>
  );
}
