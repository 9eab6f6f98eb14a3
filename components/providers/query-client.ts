import { defaultShouldDehydrateQuery, isServer, QueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import superjson from "superjson";

const MAX_RETRIES = 2;

// Client errors (bad input, no permission, signed out) will not succeed on retry; server hiccups may.
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= MAX_RETRIES) return false;
  if (!(error instanceof TRPCClientError)) return true;
  const status: unknown = error.data?.httpStatus;
  return typeof status !== "number" || status >= 500;
}

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Data prefetched on the server should not be refetched the moment it hydrates.
        staleTime: 30_000,
        retry: shouldRetry,
      },
      dehydrate: {
        serializeData: superjson.serialize,
        // Pending queries are streamed to the client too, so server prefetches need not be awaited.
        shouldDehydrateQuery: (query) =>
          defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}

let browserQueryClient: QueryClient | undefined;

/** A fresh client per server render (no data shared between users); one for the browser's lifetime. */
export function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}
