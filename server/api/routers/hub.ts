import {
  deadLetterList,
  deadLettersFilter,
  dryRunResult,
  hubOverview,
  pauseResult,
  replayInput,
  replayResult,
  rotatedSecret,
  rotateSecretInput,
  sourceInput,
} from "../../hub/admin/contract.ts";
import { hubOverview as readOverview, listDeadLetters } from "../../hub/admin/overview.ts";
import { dryRunReplay, replayEvents } from "../../hub/admin/replay.ts";
import { pauseSource, resumeSource, rotateSourceSecret } from "../../hub/admin/sources.ts";
import { permissionProcedure, router } from "../trpc.ts";

const manage = permissionProcedure("events:manage");

export const hubRouter = router({
  overview: manage.output(hubOverview).query(({ ctx }) => readOverview(ctx.db, ctx.service)),

  deadLetters: manage
    .input(deadLettersFilter)
    .output(deadLetterList)
    .query(({ ctx, input }) => listDeadLetters(ctx.db, ctx.service, input)),

  dryRun: manage
    .input(replayInput)
    .output(dryRunResult)
    .mutation(({ ctx, input }) => dryRunReplay(ctx.db, ctx.service, input)),

  replay: manage
    .input(replayInput)
    .output(replayResult)
    .mutation(({ ctx, input }) => replayEvents(ctx.db, ctx.service, input)),

  pause: manage
    .input(sourceInput)
    .output(pauseResult)
    .mutation(({ ctx, input }) => pauseSource(ctx.db, ctx.service, input)),

  resume: manage
    .input(sourceInput)
    .output(pauseResult)
    .mutation(({ ctx, input }) => resumeSource(ctx.db, ctx.service, input)),

  rotateSecret: manage
    .input(rotateSecretInput)
    .output(rotatedSecret)
    .mutation(({ ctx, input }) => rotateSourceSecret(ctx.db, ctx.service, input)),
});
