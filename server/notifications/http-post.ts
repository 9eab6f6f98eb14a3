import http from "node:http";
import https from "node:https";
import type { HttpAnswer, HttpRequest } from "./types.ts";

// HTTP posts to providers over node:http(s) with keep-alive agents. The fetch API costs about three times the CPU
// per request here (its streams and Headers objects), which capped the outbox's delivery rate; redirects are not
// followed either way (a provider answering 3xx is an answer to record).

const TIMEOUT_MS = 10_000;
/** A provider's answer kept past this is cut: the outbox keeps 2,000 characters of it anyway. */
const MAX_BODY_BYTES = 64 * 1024;

export interface HttpPoster {
  post(request: HttpRequest): Promise<HttpAnswer>;
  close(): void;
}

const headerValue = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value.join(", ") : (value ?? "");

export function createHttpPoster(maxSockets = 64): HttpPoster {
  const agents = {
    "http:": new http.Agent({ keepAlive: true, maxSockets }),
    "https:": new https.Agent({ keepAlive: true, maxSockets }),
  };
  function post(request: HttpRequest): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const url = new URL(request.url);
      if (url.protocol !== "http:" && url.protocol !== "https:") {
        reject(new TypeError(`unsupported protocol ${url.protocol}`));
        return;
      }
      const send = url.protocol === "https:" ? https.request : http.request;
      const body = Buffer.from(request.body);
      const req = send(
        url,
        {
          method: "POST",
          agent: agents[url.protocol],
          headers: { ...request.headers, "content-length": String(body.length) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on("data", (chunk: Buffer) => {
            if (size < MAX_BODY_BYTES) chunks.push(chunk);
            size += chunk.length;
          });
          res.on("end", () => {
            clearTimeout(timer);
            const headers = Object.fromEntries(
              Object.entries(res.headers).map(([name, value]) => [name, headerValue(value)]),
            );
            resolve({
              status: res.statusCode ?? 0,
              headers,
              body: Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString("utf8"),
            });
          });
          res.on("error", reject);
        },
      );
      const timer = setTimeout(
        () => req.destroy(new Error(`TimeoutError: no answer within ${TIMEOUT_MS} ms`)),
        TIMEOUT_MS,
      );
      req.on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      req.end(body);
    });
  }
  return {
    post,
    close() {
      agents["http:"].destroy();
      agents["https:"].destroy();
    },
  };
}
