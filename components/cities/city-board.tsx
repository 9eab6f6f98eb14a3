"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { CityTile } from "./city-tile";
import { LiveIndicator } from "./live-indicator";
import type { CityTileData } from "./types";
import { useLiveCities } from "./use-live-cities";

/** Every city, worst first, kept current by pushed events. */
export function CityBoard({ initialTiles }: { initialTiles: CityTileData[] }) {
  const t = useTranslations("cities");
  const trpc = useTRPC();
  const board = useQuery(trpc.cities.board.queryOptions(undefined, { initialData: initialTiles }));
  const queryClient = useQueryClient();
  const live = useLiveCities(
    () => void queryClient.invalidateQueries({ queryKey: trpc.cities.board.queryKey() }),
  );

  return (
    <section aria-labelledby="city-board-heading" className="space-y-3">
      <div className="flex items-center justify-between gap-3">
        <h2 id="city-board-heading" className="text-xs font-semibold tracking-wide text-fg-muted uppercase">
          {t("boardHeading", { count: board.data.length })}
        </h2>
        <LiveIndicator status={live} />
      </div>
      {board.isError ? (
        <p role="alert" className="flex items-center gap-3 text-sm text-danger">
          {t("loadFailed")}
          <Button size="sm" onClick={() => void board.refetch()}>
            {t("retry")}
          </Button>
        </p>
      ) : null}
      <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3" data-testid="city-board">
        {board.data.map((city) => (
          <li key={city.code}>
            <CityTile city={city} />
          </li>
        ))}
      </ul>
    </section>
  );
}
