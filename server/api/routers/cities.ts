import { chartSeries, cityBoard, cityDetail } from "../../cities/board.ts";
import {
  chartData,
  chartInput,
  cityDetail as cityDetailView,
  cityInput,
  cityTile,
} from "../../cities/contract.ts";
import { permissionProcedure, router } from "../trpc.ts";

const read = permissionProcedure("cities:read");

export const citiesRouter = router({
  /** Every city's tile, worst first. */
  board: read.output(cityTile.array()).query(({ ctx }) => cityBoard(ctx.db, ctx.service)),

  detail: read
    .input(cityInput)
    .output(cityDetailView)
    .query(({ ctx, input }) => cityDetail(ctx.db, ctx.service, input)),

  chart: read
    .input(chartInput)
    .output(chartData)
    .query(({ ctx, input }) => chartSeries(ctx.db, ctx.service, input)),
});
