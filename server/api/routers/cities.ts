import { z } from "zod";
import { chartSeries, cityBoard, cityDetail } from "../../cities/board.ts";
import { CHART_RANGES } from "../../cities/chart-ranges.ts";
import { cityCodeSchema } from "../../cities/contract.ts";
import { permissionProcedure, router } from "../trpc.ts";

export const citiesRouter = router({
  /** Every city's tile, worst first. */
  board: permissionProcedure("cities:read").query(({ ctx }) => cityBoard(ctx.db)),

  detail: permissionProcedure("cities:read")
    .input(z.object({ code: cityCodeSchema }))
    .query(({ ctx, input }) => cityDetail(ctx.db, input.code)),

  chart: permissionProcedure("cities:read")
    .input(z.object({ code: cityCodeSchema, range: z.enum(CHART_RANGES) }))
    .query(({ ctx, input }) => chartSeries(ctx.db, input.code, input.range)),
});
