import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { isAppError } from "@/server/lib/errors";
import { readBodyText } from "@/server/security/body-limit";

export const dynamic = "force-dynamic";

/** tRPC's fetch adapter has no body limit: a body over 1 MiB answers 413 here, before anything parses it. */
async function withCappedBody(req: Request): Promise<Request | Response> {
  if (req.method !== "POST") return req;
  try {
    return new Request(req, { body: await readBodyText(req) });
  } catch (error) {
    if (!isAppError(error)) throw error;
    return Response.json(
      { error: { code: error.code, message: error.userMessage } },
      { status: error.status },
    );
  }
}

async function handler(incoming: Request) {
  const req = await withCappedBody(incoming);
  if (req instanceof Response) return req;
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createContext({ headers: req.headers }),
  });
}

export { handler as GET, handler as POST };
