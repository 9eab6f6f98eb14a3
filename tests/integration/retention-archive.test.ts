import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "../../server/db/client.ts";
import { gzipLines } from "../../server/retention/archive-files.ts";
import { FAMILIES } from "../../server/retention/families.ts";
import { parseManifest } from "../../server/retention/manifest.ts";
import { restoreArchive } from "../../server/retention/restore.ts";
import { applyRetention } from "../../server/retention/service.ts";
import {
  archiveDirectory,
  buildRetentionWorld,
  keptTableCounts,
  removedRowsPicture as picture,
  restoreTarget,
  retentionContext,
  type RetentionWorld,
} from "../support/retention.ts";

// Archive → delete → restore: what the job removes comes back from its files into a scratch database exactly as
// it was, type for type; only closed work past the policy goes; the event log keeps the removed items' history.

describe("retention archive round trip", () => {
  const db = getDb();
  let world: RetentionWorld;
  let before: Awaited<ReturnType<typeof picture>>;
  let archiveDir: string;
  let scratch: Awaited<ReturnType<typeof restoreTarget>>;
  let scratchDb: Db;
  const correlationId = `retention-round-trip-${Date.now()}`;

  beforeAll(async () => {
    world = await buildRetentionWorld();
    before = await picture(db, world);
    archiveDir = await archiveDirectory();
    scratch = await restoreTarget();
    scratchDb = scratch.db;
  });

  afterAll(() => scratch?.drop());

  it("the picture taken before covers every table of the families", () => {
    for (const [table, lines] of Object.entries(before)) expect(lines.length, table).toBeGreaterThan(0);
    expect(before.RiskSignal).toHaveLength(3);
    expect(before.TicketComment).toHaveLength(4);
  });

  it("archives and deletes only closed work past the policy, in chunks, with one event per chunk", async () => {
    const keptBefore = await keptTableCounts(db);
    const summary = await applyRetention(db, retentionContext(correlationId), { archiveDir, chunkSize: 1 });
    // What reports read is untouched; the log only gains the run's own events and their audit entries.
    expect(await keptTableCounts(db)).toEqual({
      ...keptBefore,
      DomainEvent: keptBefore.DomainEvent! + summary.chunks,
      AuditLog: keptBefore.AuditLog! + summary.chunks,
    });
    expect(await db.reportTicketFact.count({ where: { ticketId: world.removed.tickets[0] } })).toBe(1);
    expect(summary.archiveDay).toBe("2026-12-06");
    expect(summary.rows.Ticket).toBeGreaterThanOrEqual(2);

    const { tickets, cases, signals } = world.removed;
    expect(await db.ticket.count({ where: { id: { in: tickets } } })).toBe(0);
    expect(await db.riskCase.count({ where: { id: { in: cases } } })).toBe(0);
    expect(await db.riskSignal.count({ where: { id: { in: signals } } })).toBe(0);
    expect(await db.ticket.count({ where: { id: { in: world.kept.tickets } } })).toBe(3);
    expect(await db.riskCase.count({ where: { id: { in: world.kept.cases } } })).toBe(2);
    // The open case keeps its link to the old closed ticket (which is kept for it).
    expect(await db.riskCaseTicketLink.count({ where: { caseId: world.kept.cases[1] } })).toBe(1);
    expect(await db.domainEvent.count({ where: { aggregateType: "ticket", aggregateId: tickets[0] } })).toBe(
      1,
    );

    const events = await db.domainEvent.findMany({ where: { type: "RetentionApplied", correlationId } });
    expect(events).toHaveLength(summary.chunks);
    const removedTickets = events
      .filter((e) => (e.payload as { family: string }).family === "tickets")
      .reduce((n, e) => n + (e.payload as { roots: number }).roots, 0);
    expect(removedTickets).toBe(summary.rows.Ticket);
    expect(await db.auditLog.count({ where: { action: "RetentionApplied", correlationId } })).toBe(
      events.length,
    );
  });

  it("writes a sealed manifest whose counts are the rows in the files", async () => {
    const dayDir = path.join(archiveDir, "2026-12-06");
    const manifest = parseManifest(await readFile(path.join(dayDir, "manifest.json"), "utf8"));
    expect(manifest.sealed).toBe(true);
    const files = (await readdir(dayDir)).filter((name) => name.endsWith(".jsonl.gz")).sort();
    expect(files).toEqual(
      Object.values(manifest.tables)
        .map((t) => t.file)
        .sort(),
    );
    for (const entry of Object.values(manifest.tables)) {
      let lines = 0;
      for await (const line of gzipLines(path.join(dayDir, entry.file))) {
        JSON.parse(line);
        lines++;
      }
      expect(lines, entry.file).toBe(entry.rows);
    }
    // Each removed ticket is in the archive once.
    const ids: string[] = [];
    for await (const line of gzipLines(path.join(dayDir, "Ticket.jsonl.gz"))) ids.push(JSON.parse(line).id);
    for (const id of world.removed.tickets) expect(ids.filter((x) => x === id)).toHaveLength(1);
  });

  it("restores the archive into a scratch database row for row, types included", async () => {
    const summary = await restoreArchive(scratchDb, archiveDir);
    expect(summary.days).toEqual(["2026-12-06"]);
    expect(summary.inserted).toEqual(summary.read);
    expect(await picture(scratchDb, world)).toEqual(before);

    const [ticketId] = world.removed.tickets;
    const restored = await scratchDb.ticket.findUniqueOrThrow({ where: { id: ticketId } });
    const original = JSON.parse(before.Ticket.find((line) => line.includes(ticketId!))!);
    expect(restored.closedAt).toEqual(new Date(`${original.closedAt}Z`));
    expect(restored.requesterName).toBe(original.requesterName);
    // Archived and restored as ciphertext: the archive never holds personal data in the clear.
    expect(restored.requesterName).toMatch(/^pii1:[^:]+:/);
    expect(restored.requesterName).not.toContain("山田");
    expect(restored.slaPauses).toEqual(original.slaPauses);
    const [attributes] = await scratchDb.$queryRaw<{ text: string }[]>`
      SELECT attributes::text AS text FROM "RiskSignal" WHERE id = ${world.removed.signals[0]}::uuid`;
    expect(attributes!.text).toContain("12345678901234567890.123456789");
    expect(attributes!.text).toContain("9007199254740993");
  });

  it("adds nothing on a second restore", async () => {
    const again = await restoreArchive(scratchDb, path.join(archiveDir, "2026-12-06"));
    expect(Object.values(again.inserted).every((n) => n === 0)).toBe(true);
    expect(again.read).toEqual((await restoreArchive(scratchDb, archiveDir)).read);
  });

  it("refuses an archive whose file no longer matches its checksum, before inserting anything", async () => {
    const file = path.join(archiveDir, "2026-12-06", "RiskCase.jsonl.gz");
    const bytes = await readFile(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    await writeFile(file, bytes);
    await expect(restoreArchive(scratchDb, archiveDir)).rejects.toThrow(/RiskCase.jsonl.gz does not match/);
  });

  it("lists every foreign key that points at a root table, so no row is removed by a cascade unarchived", async () => {
    const keys = await db.$queryRaw<{ child: string; column: string; parent: string }[]>`
      SELECT c.conrelid::regclass::text AS child, a.attname AS column, c.confrelid::regclass::text AS parent
        FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       WHERE c.contype = 'f' AND c.confrelid::regclass::text IN ('"Ticket"', '"RiskCase"', '"RiskSignal"')`;
    for (const key of keys) {
      const family = FAMILIES.find((f) => `"${f.root}"` === key.parent)!;
      expect(
        family.children.some((child) => `"${child.table}"` === key.child && child.column === key.column),
        `${key.child}.${key.column} → ${key.parent}`,
      ).toBe(true);
    }
    expect(keys.length).toBeGreaterThanOrEqual(9);
  });
});
