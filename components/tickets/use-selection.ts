"use client";

import { useCallback, useMemo, useState } from "react";
import type { QueueItem } from "./types";

export type PickedTicket = Pick<QueueItem, "id" | "number" | "subject" | "status">;

/**
 * Selected tickets by id, with their number, subject and status as seen: a live refresh may move a selected ticket out of the
 * loaded rows, and the bulk result list still has to name it.
 */
export function useSelection(items: readonly QueueItem[]) {
  const [selected, setSelected] = useState<ReadonlyMap<string, PickedTicket>>(new Map());

  const toggle = useCallback((item: PickedTicket) => {
    setSelected((previous) => {
      const next = new Map(previous);
      if (next.has(item.id)) next.delete(item.id);
      else next.set(item.id, item);
      return next;
    });
  }, []);

  const setAll = useCallback(
    (select: boolean) => {
      setSelected((previous) => {
        const next = new Map(previous);
        for (const item of items) {
          if (select) next.set(item.id, item);
          else next.delete(item.id);
        }
        return next;
      });
    },
    [items],
  );

  const clear = useCallback(() => setSelected(new Map()), []);
  const ids = useMemo(() => new Set(selected.keys()), [selected]);

  return {
    ids,
    size: selected.size,
    toggle,
    setAll,
    clear,
    /** Keeps only the given ids selected (e.g. the failures of a bulk run, to retry them). */
    keep: (keep: ReadonlySet<string>) =>
      setSelected((previous) => new Map([...previous].filter(([id]) => keep.has(id)))),
    tickets: (): ReadonlyMap<string, PickedTicket> => selected,
  };
}
