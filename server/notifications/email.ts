import type { EmailConfig } from "./channel-config.ts";
import { headline, html, plainText } from "./message.ts";
import type { OutgoingMessage, Recipient } from "./types.ts";

// An e-mail page: HTML and plain text in the recipient's language. The message id is derived from the delivery,
// so a retry after a lost answer sends a message the recipient's client can tell is the same one.

export interface EmailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
}

export function buildEmail(
  message: OutgoingMessage,
  config: EmailConfig,
  recipient: Recipient,
): EmailMessage {
  const domain = config.from.split("@")[1]?.replace(/[>\s]/g, "") || "ops-console.local";
  return {
    from: config.from,
    to: recipient.email,
    subject: headline(message, recipient.locale),
    text: plainText(message, recipient.locale),
    html: html(message, recipient.locale),
    messageId: `<${message.deliveryId}@${domain}>`,
    headers: {
      "X-Ops-Object": `${message.objectType}/${message.objectId}`,
      "Content-Language": recipient.locale,
    },
  };
}
