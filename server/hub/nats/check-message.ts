import { describeIssues } from "../../api/rest/envelope.ts";
import { checkCloudEvent, textChecks, type EventChecks } from "../edge/cloud-event.ts";
import { TRACEPARENT } from "../edge/contract.ts";
import type { NewInboundEvent } from "../inbox-repository.ts";
import type { SourceSnapshot } from "../edge/source-directory.ts";

// One stream message: a CloudEvents 1.0 event in JSON, checked exactly as the HTTP edge checks one. The NATS
// account is the trust boundary, so there is no signature; a payload failing its schema is stored dead like the
// edge stores it, anything else wrong is refused.

export type CheckedMessage = { kind: "store"; row: NewInboundEvent } | { kind: "refuse"; reason: string };

export interface MessageChecks {
  sources: SourceSnapshot;
  receivedVia: string;
}

function parse(data: Uint8Array): { ok: true; value: unknown; text: string } | { ok: false; reason: string } {
  const text = Buffer.from(data).toString("utf8");
  try {
    return { ok: true, value: JSON.parse(text), text };
  } catch (error) {
    return { ok: false, reason: `body is not valid JSON (${(error as Error).message})` };
  }
}

export function checkMessage(
  data: Uint8Array,
  traceparentHeader: string | undefined,
  checks: MessageChecks,
): CheckedMessage {
  const parsed = parse(data);
  if (!parsed.ok) return { kind: "refuse", reason: parsed.reason };
  const eventChecks: EventChecks = {
    sources: checks.sources,
    signedBy: null,
    clientSources: [],
    receivedVia: checks.receivedVia,
    traceparent: traceparentHeader && TRACEPARENT.test(traceparentHeader) ? traceparentHeader : null,
    ...textChecks(parsed.text),
  };
  const checked = checkCloudEvent(parsed.value, eventChecks);
  if (checked.kind === "reject") return { kind: "refuse", reason: describeIssues(checked.issues) };
  return { kind: "store", row: checked.row };
}
