import { describe, expect, it } from "vitest";
import { addChunk, emptyManifest, manifestProblems, parseManifest, rowsByTable, seal } from "./manifest.ts";

const chunk = (chunkId: string, rows: Record<string, number>) => ({
  chunkId,
  family: "tickets",
  cutoff: "2024-12-06T00:00:00.000Z",
  rows,
});
const A = "0193a000-0000-7000-8000-000000000001";
const B = "0193a000-0000-7000-8000-000000000002";
const facts = (sha: string, bytes: number) => ({ sha256: sha.repeat(64), bytes });

describe("archive manifest", () => {
  it("sums the rows of its chunks per table and adds a chunk once", () => {
    let manifest = emptyManifest("2026-12-06");
    manifest = addChunk(manifest, chunk(A, { Ticket: 1000, TicketComment: 2400 }));
    manifest = addChunk(manifest, chunk(B, { Ticket: 12, TicketSearch: 12 }));
    manifest = addChunk(manifest, chunk(A, { Ticket: 1000, TicketComment: 2400 }));
    expect(manifest.chunks).toHaveLength(2);
    expect(rowsByTable(manifest)).toEqual({ Ticket: 1012, TicketComment: 2400, TicketSearch: 12 });
  });

  it("seals with each file's checksum and reopens when a chunk is added", () => {
    const open = addChunk(emptyManifest("2026-12-06"), chunk(A, { Ticket: 3 }));
    const sealed = seal(open, { Ticket: facts("a", 120) });
    expect(sealed.sealed).toBe(true);
    expect(sealed.tables).toEqual({
      Ticket: { file: "Ticket.jsonl.gz", rows: 3, bytes: 120, sha256: "a".repeat(64) },
    });
    expect(addChunk(sealed, chunk(B, { Ticket: 1 })).sealed).toBe(false);
    expect(() => seal(open, {})).toThrow(/Ticket.jsonl.gz is missing/);
  });

  it("names every file that does not match, is missing or is unlisted", () => {
    const sealed = seal(addChunk(emptyManifest("2026-12-06"), chunk(A, { Ticket: 3, TicketComment: 5 })), {
      Ticket: facts("a", 120),
      TicketComment: facts("b", 300),
    });
    expect(manifestProblems(sealed, { Ticket: facts("a", 120), TicketComment: facts("b", 300) })).toEqual([]);
    expect(manifestProblems(sealed, { Ticket: facts("c", 120), RiskCase: facts("d", 9) })).toEqual([
      "Ticket.jsonl.gz does not match its checksum",
      "TicketComment.jsonl.gz is missing",
      "RiskCase.jsonl.gz is not in the manifest",
    ]);
    expect(manifestProblems(addChunk(sealed, chunk(B, { Ticket: 1 })), {})).toEqual([
      "2026-12-06 is not sealed: run the retention job again to finish it",
    ]);
  });

  it("reads back what it writes and refuses unknown tables", () => {
    const sealed = seal(addChunk(emptyManifest("2026-12-06"), chunk(A, { Ticket: 3 })), {
      Ticket: facts("a", 1),
    });
    expect(parseManifest(JSON.stringify(sealed))).toEqual(sealed);
    const foreign = { ...sealed, chunks: [chunk(B, { AuditLog: 1 })] };
    expect(() => parseManifest(JSON.stringify(foreign))).toThrow();
  });
});
