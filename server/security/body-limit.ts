import { AppError } from "../lib/errors.ts";

/** The largest JSON body any route reads: 1 MiB, far above the largest legitimate batch. */
const MAX_JSON_BODY_BYTES = 1024 * 1024;

function tooLarge(limit: number): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `The body exceeds ${limit} bytes.`, {
    details: { issues: [{ path: "body", message: `must be at most ${limit} bytes` }] },
  });
}

/**
 * Reads a request body as text, refusing more than `limit` bytes with 413 before parsing: a declared
 * Content-Length over the limit is refused unread, and a body without one stops being read at the limit.
 */
export async function readBodyText(req: Request, limit = MAX_JSON_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
