import { z } from "zod";
import { permissionProcedure, router } from "../trpc.ts";
import {
  apiClientSummary,
  createApiClientInput,
  createdApiClient,
  disableApiClientInput,
  rotateApiClientSecretInput,
} from "../../integration/api-client-contract.ts";
import {
  createClient,
  disableClient,
  listClients,
  rotateClientSecret,
} from "../../integration/api-client-service.ts";

const manage = permissionProcedure("api_clients:manage");

export const apiClientsRouter = router({
  list: manage.output(z.array(apiClientSummary)).query(({ ctx }) => listClients(ctx.db, ctx.service)),

  create: manage
    .input(createApiClientInput)
    .output(createdApiClient)
    .mutation(({ ctx, input }) => createClient(ctx.db, ctx.service, input)),

  disable: manage
    .input(disableApiClientInput)
    .output(apiClientSummary)
    .mutation(({ ctx, input }) => disableClient(ctx.db, ctx.service, input)),

  rotateSecret: manage
    .input(rotateApiClientSecretInput)
    .output(createdApiClient)
    .mutation(({ ctx, input }) => rotateClientSecret(ctx.db, ctx.service, input)),
});
