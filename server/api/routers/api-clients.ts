import { z } from "zod";
import { permissionProcedure, router } from "../trpc.ts";
import {
  apiClientSummary,
  createApiClientInput,
  createdApiClient,
  disableApiClientInput,
} from "../../integration/api-client-contract.ts";
import { listApiClients } from "../../integration/api-client-repository.ts";
import { createClient, disableClient } from "../../integration/api-client-service.ts";

const manage = permissionProcedure("api_clients:manage");

export const apiClientsRouter = router({
  list: manage.output(z.array(apiClientSummary)).query(({ ctx }) => listApiClients(ctx.db, new Date())),

  create: manage
    .input(createApiClientInput)
    .output(createdApiClient)
    .mutation(({ ctx, input }) => createClient(ctx.db, ctx.eventContext, input)),

  disable: manage
    .input(disableApiClientInput)
    .output(apiClientSummary)
    .mutation(({ ctx, input }) => disableClient(ctx.db, ctx.eventContext, input.id)),
});
