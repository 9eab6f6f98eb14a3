import nodemailer, { type Transporter } from "nodemailer";
import type { EmailConfig } from "./channel-config.ts";
import type { EmailMessage } from "./email.ts";
import { createHttpPoster } from "./http-post.ts";
import type { HttpAnswer, HttpRequest } from "./types.ts";

// The edge to the outside world: HTTP posts and SMTP submissions, nothing else. Everything about what to send and
// how to read the answer lives in the pure adapters.

export interface Transport {
  post(request: HttpRequest): Promise<HttpAnswer>;
  sendMail(
    channel: { id: string; version: string; config: EmailConfig; password: string | null },
    mail: EmailMessage,
  ): Promise<{ messageId: string; response: string }>;
  close(): void;
}

/** One pooled SMTP connection set per channel version; a saved change to the channel opens a new one. */
export function createTransport(): Transport {
  const http = createHttpPoster();
  const smtp = new Map<string, Transporter>();
  const transporterFor = (channel: Parameters<Transport["sendMail"]>[0]): Transporter => {
    const key = `${channel.id}:${channel.version}`;
    let transporter = smtp.get(key);
    if (!transporter) {
      for (const [old, stale] of smtp) {
        if (!old.startsWith(`${channel.id}:`)) continue;
        stale.close();
        smtp.delete(old);
      }
      transporter = nodemailer.createTransport({
        pool: true,
        maxConnections: 4,
        host: channel.config.host,
        port: channel.config.port,
        secure: channel.config.secure,
        ...(channel.config.user ? { auth: { user: channel.config.user, pass: channel.password ?? "" } } : {}),
        connectionTimeout: 10_000,
        socketTimeout: 20_000,
      });
      smtp.set(key, transporter);
    }
    return transporter;
  };
  return {
    post: (request) => http.post(request),
    async sendMail(channel, mail) {
      const info = await transporterFor(channel).sendMail(mail);
      return { messageId: info.messageId, response: String(info.response ?? "") };
    },
    close() {
      http.close();
      for (const transporter of smtp.values()) transporter.close();
      smtp.clear();
    },
  };
}
