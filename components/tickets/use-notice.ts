"use client";

import { useCallback, useEffect, useRef, useState } from "react";

export interface Notice {
  tone: "info" | "error";
  text: string;
}

const SHOW_MS = 6000;

/** One short-lived message at a time, for results of keyboard actions (announced through a live region). */
export function useNotice() {
  const [notice, setNotice] = useState<Notice | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );

  const show = useCallback((next: Notice) => {
    setNotice(next);
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(() => setNotice(null), SHOW_MS);
  }, []);

  return { notice, show };
}
