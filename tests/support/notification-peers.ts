import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { Webhook } from "standardwebhooks";

// Real local peers for the notification channels: an HTTP receiver speaking Slack's incoming webhook and
// chat.postMessage, PagerDuty Events API v2 (alerts kept by dedup_key as PagerDuty keeps them) and Standard
// Webhooks subscribers; and a real SMTP server whose messages are parsed with mailparser.

interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  at: number;
  /** For webhook subscribers: whether the Standard Webhooks signature verified. */
  verified?: boolean;
}

interface Scripted {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

interface PagerdutyAlert {
  id: number;
  dedupKey: string;
  status: "triggered" | "acknowledged" | "resolved";
  events: string[];
}

export interface HttpPeer {
  url: string;
  received: Received[];
  /** Answers for the next requests to a path, in order; after them the normal answer. */
  script(path: string, answers: Scripted[]): void;
  /** Answer every request to a path this way until cleared. */
  failAlways(path: string, answer: Scripted | null): void;
  pagerdutyAlerts: PagerdutyAlert[];
  webhookSecrets: Map<string, string>;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });

export async function startHttpPeer(): Promise<HttpPeer> {
  const received: Received[] = [];
  const scripts = new Map<string, Scripted[]>();
  const always = new Map<string, Scripted>();
  const pagerdutyAlerts: PagerdutyAlert[] = [];
  const webhookSecrets = new Map<string, string>();
  let ts = 1_700_000_000;

  function pagerduty(body: string): Scripted {
    const event = JSON.parse(body) as { routing_key?: string; event_action?: string; dedup_key?: string };
    if (!event.routing_key || !event.event_action) {
      return {
        status: 400,
        body: JSON.stringify({ status: "invalid event", message: "Event object is invalid" }),
      };
    }
    const key = event.dedup_key ?? `generated-${pagerdutyAlerts.length + 1}`;
    const open = pagerdutyAlerts.find((alert) => alert.dedupKey === key && alert.status !== "resolved");
    if (event.event_action === "trigger") {
      // As PagerDuty does: a trigger on an open alert's key is deduplicated; otherwise a new alert opens.
      if (open) open.events.push("trigger");
      else
        pagerdutyAlerts.push({
          id: pagerdutyAlerts.length + 1,
          dedupKey: key,
          status: "triggered",
          events: ["trigger"],
        });
    } else if (open) {
      open.status = event.event_action === "resolve" ? "resolved" : "acknowledged";
      open.events.push(event.event_action);
    }
    return {
      status: 202,
      body: JSON.stringify({ status: "success", message: "Event processed", dedup_key: key }),
    };
  }

  function normal(path: string, entry: Received): Scripted {
    if (path.startsWith("/pagerduty/")) return pagerduty(entry.body);
    if (path.endsWith("/chat.postMessage")) {
      if (entry.headers.authorization !== "Bearer xoxb-test")
        return { status: 200, body: JSON.stringify({ ok: false, error: "invalid_auth" }) };
      return { status: 200, body: JSON.stringify({ ok: true, channel: "C1", ts: `${++ts}.000100` }) };
    }
    if (path.startsWith("/hooks/")) {
      const secret = webhookSecrets.get(path);
      try {
        if (!secret) throw new Error("no subscriber");
        new Webhook(secret).verify(entry.body, entry.headers);
        entry.verified = true;
        return { status: 204, body: "" };
      } catch {
        entry.verified = false;
        return { status: 401, body: "bad signature" };
      }
    }
    return { status: 200, body: "ok" };
  }

  const server: Server = createServer(async (req, res) => {
    const path = req.url ?? "/";
    const entry: Received = {
      path,
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
      body: await readBody(req),
      at: Date.now(),
    };
    received.push(entry);
    const answer = scripts.get(path)?.shift() ?? always.get(path) ?? normal(path, entry);
    res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
    res.end(answer.body ?? "");
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    script: (path, answers) => scripts.set(path, [...answers]),
    failAlways: (path, answer) => (answer ? always.set(path, answer) : always.delete(path)),
    pagerdutyAlerts,
    webhookSecrets,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface SmtpPeer {
  port: number;
  messages: ParsedMail[];
  close(): Promise<void>;
}

export async function startSmtpPeer(): Promise<SmtpPeer> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, messages, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
