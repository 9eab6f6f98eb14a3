import { describe, expect, it } from "vitest";
import { copyText } from "./inbox-copy.ts";
import type { NewInboundEvent } from "./inbox-repository.ts";

const row: NewInboundEvent = {
  receiptId: "0193a000-0000-7000-8000-000000000001",
  source: "consumer_experience",
  eventId: "evt-1",
  type: "OrderCancellationRequested",
  dataVersion: 1,
  subject: null,
  time: "2026-12-07T09:30:00.123Z",
  data: { comment: "plain" },
  orderingKey: "order:ord_1",
  receivedVia: "bearer:client",
  status: "pending",
  failureClass: null,
  lastError: null,
  traceparent: null,
};

const fields = (text: string) => text.slice(0, -1).split("\t");

describe("copyText", () => {
  it("writes a line per row, a tab between fields in the COPY's column order, null as \\N", () => {
    const text = copyText([row, { ...row, eventId: "evt-2" }]);
    expect(text.split("\n")).toHaveLength(3);
    expect(fields(text.split("\n")[0]! + "\n")).toEqual([
      row.receiptId,
      "consumer_experience",
      "evt-1",
      "OrderCancellationRequested",
      "1",
      "\\N",
      "2026-12-07T09:30:00.123Z",
      '{"comment":"plain"}',
      "order:ord_1",
      "bearer:client",
      "pending",
      "\\N",
      "\\N",
      "\\N",
    ]);
  });

  it("escapes backslashes, tabs and line breaks in text, and only backslashes in the JSON", () => {
    const [, , eventId, , , subject, , data, , , , , lastError] = fields(
      copyText([
        {
          ...row,
          eventId: "a\\b\tc",
          subject: "\\.",
          data: { note: 'say "hi"\n\tand \\ leave' },
          lastError: "one\r\ntwo",
        },
      ]),
    );
    expect(eventId).toBe("a\\\\b\\tc");
    expect(subject).toBe("\\\\.");
    expect(data).toBe('{"note":"say \\\\"hi\\\\"\\\\n\\\\tand \\\\\\\\ leave"}');
    expect(lastError).toBe("one\\r\\ntwo");
  });

  it("turns a time with an offset into UTC, the column's zone, and keeps one in UTC as sent", () => {
    const time = (value: string | null) => fields(copyText([{ ...row, time: value }]))[6];
    expect(time("2026-12-07T09:30:00.123+09:00")).toBe("2026-12-07T00:30:00.123Z");
    expect(time("2026-12-06T23:00:00-05:00")).toBe("2026-12-07T04:00:00Z");
    expect(time("2026-12-07T09:30:59.9996+09:00")).toBe("2026-12-07T00:30:59.9996Z");
    expect(time("2026-12-07T09:30:00.123456Z")).toBe("2026-12-07T09:30:00.123456Z");
    expect(time(null)).toBe("\\N");
  });

  it("writes an absent payload as JSON null", () => {
    expect(fields(copyText([{ ...row, data: undefined }]))[7]).toBe("null");
  });
});
