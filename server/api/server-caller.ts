import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { createCaller } from "./root.ts";
import { createContext } from "./trpc.ts";

/** tRPC procedures called from server components: same context, same permission checks, once per request. */
export const serverApi = cache(async () =>
  createCaller(await createContext({ headers: new Headers(await headers()) })),
);
