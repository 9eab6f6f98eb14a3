import type { IncomingMessage } from "node:http";
import { EdgeRefusal } from "./refusal.ts";

// Reading a request body with a cap, from node:http (the listener) or a web Request (Next's route). A declared
// length over the cap is refused before reading; an undeclared one is counted as it streams.

const tooLarge = (limit: number) =>
  new EdgeRefusal("too_large", "PAYLOAD_TOO_LARGE", `The body is larger than ${limit} bytes.`, [
    { path: "body", message: `must be at most ${limit} bytes (split the batch)` },
  ]);

function declaredTooLarge(contentLength: string | null | undefined, limit: number): boolean {
  return contentLength !== null && contentLength !== undefined && Number(contentLength) > limit;
}

export function readNodeBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  if (declaredTooLarge(req.headers["content-length"], limit)) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData);
        req.pause();
        reject(tooLarge(limit));
      } else {
        chunks.push(chunk);
      }
    };
    req.on("data", onData);
    req.once("end", () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.once("error", reject);
  });
}

export async function readWebBody(req: Request, limit: number): Promise<Buffer> {
  if (declaredTooLarge(req.headers.get("content-length"), limit)) throw tooLarge(limit);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}
