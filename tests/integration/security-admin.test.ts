import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { createCaller } from "../../server/api/root.ts";
import type { Context } from "../../server/api/trpc.ts";
import { authenticate } from "../../server/auth/request-auth.ts";
import { openSignInSession } from "../../server/auth/sign-in.ts";
import { forgetUserSessions } from "../../server/auth/session-state.ts";
import { totpCodeAt } from "../../server/auth/totp.ts";
import { getDb } from "../../server/db/client.ts";
import { reencryptPii } from "../../server/db/pii-reencrypt.ts";
import { logger } from "../../server/lib/logger.ts";
import { encryptPii, newPiiKey, parsePiiKeyring, piiKeyIdOf } from "../../server/lib/pii-cipher.ts";
import { piiKeyring } from "../../server/lib/pii-keyring.ts";
import { ingestSignals } from "../../server/risk/ingest.ts";
import { createUser } from "../support/fixtures.ts";
import { newSubjectId, refundSignal, riskTestContext } from "../support/risk.ts";
import { newTicket, supportTeams } from "../support/tickets.ts";
import pg from "pg";

const db = getDb();

/** Signs a user in as the browser would (second factor included when enrolled) and returns their next requests. */
async function signIn(userId: string, code?: string) {
  const opened = await openSignInSession(db, userId, code, "vitest", new Date());
  if (typeof opened === "string") throw new Error(`sign-in refused: ${opened}`);
  const email = (await db.user.findUniqueOrThrow({ where: { id: userId } })).email;
  const nextAuthSession = { user: { id: userId, email }, sessionId: opened.sessionId, expires: "" };
  // Each call is a new request: the session is checked again, as createContext does.
  return async () => {
    const auth = await authenticate(db, nextAuthSession);
    const ctx: Context = {
      db,
      user: auth?.user ?? null,
      session: auth?.session ?? null,
      correlationId: "sec",
      log: logger,
    };
    return createCaller(ctx);
  };
}

/** Enrols a TOTP secret the way the account page does, and returns it. */
async function enrol(request: () => Promise<ReturnType<typeof createCaller>>) {
  const { secret } = await (await request()).account.startMfa();
  const { recoveryCodes } = await (
    await request()
  ).account.confirmMfa({ code: await totpCodeAt(secret, new Date()) });
  expect(recoveryCodes).toHaveLength(10);
  return secret;
}

async function codeFromNextStep(secret: string) {
  return totpCodeAt(secret, new Date(Date.now() + 30_000));
}

describe("sessions", () => {
  it("a deactivated user's session is refused on the very next request", async () => {
    const admin = await createUser(["admin"]);
    const agent = await createUser(["support_agent"]);
    const adminRequest = await signIn(admin.id);
    const adminSecret = await enrol(adminRequest);
    const agentRequest = await signIn(agent.id);
    expect((await (await agentRequest()).session.me()).id).toBe(agent.id);

    await (await adminRequest()).users.deactivate({ id: agent.id });

    await expect((await agentRequest()).session.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const audit = await db.auditLog.findFirst({ where: { entityId: agent.id, action: "UserDeactivated" } });
    expect(audit?.actorId).toBe(admin.id);
    expect(adminSecret).toMatch(/^[A-Z2-7]+$/);
  });

  it("signing out everywhere ends every session of the user, this one included", async () => {
    const agent = await createUser(["support_agent"]);
    const first = await signIn(agent.id);
    const second = await signIn(agent.id);
    expect((await (await first()).account.get()).sessions).toHaveLength(2);
    expect((await (await second()).account.signOutEverywhere()).sessionsEnded).toBe(2);
    await expect((await first()).session.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect((await second()).session.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("an admin without a second factor may only enrol; then the code is asked at sign-in, usable once", async () => {
    const admin = await createUser(["admin"]);
    const request = await signIn(admin.id);
    await expect((await request()).users.list()).rejects.toMatchObject({
      code: "FORBIDDEN",
      cause: { details: { reason: "MFA_ENROLMENT_REQUIRED" } },
    });
    const secret = await enrol(request);
    expect(await (await request()).users.list()).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: admin.id })]),
    );

    expect(await openSignInSession(db, admin.id, undefined, null, new Date())).toBe("mfa_required");
    const code = await codeFromNextStep(secret);
    expect(await openSignInSession(db, admin.id, code, null, new Date())).toHaveProperty("sessionId");
    expect(await openSignInSession(db, admin.id, code, null, new Date())).toBe("mfa_invalid");
  });
});

describe("step-up and encrypted personal data", () => {
  it("keeps ciphertext in the database and reveals plaintext only after a fresh second factor, audited", async () => {
    const subjectId = newSubjectId();
    const keyring = piiKeyring();
    await db.riskSubjectProfile.create({
      data: {
        subjectType: "consumer",
        subjectId,
        displayName: encryptPii(keyring, "山田 太郎"),
        email: encryptPii(keyring, "taro.yamada@example.jp"),
        phone: encryptPii(keyring, "090-1234-5678"),
        cardLast4: encryptPii(keyring, "4242"),
        address: encryptPii(keyring, "東京都渋谷区神南1-2-3"),
      },
    });
    const [result] = await ingestSignals(db, riskTestContext(), { signals: [refundSignal(subjectId)] });
    const caseId = result?.caseId ?? "";
    const [raw] = await db.$queryRaw<{ text: string }[]>`
      SELECT row_to_json(p)::text AS text FROM "RiskSubjectProfile" p WHERE "subjectId" = ${subjectId}`;
    expect(raw?.text).not.toMatch(/taro|山田|090-1234|4242|渋谷/);

    const manager = await createUser(["risk_manager"], ["pii:view"]);
    const request = await signIn(manager.id);
    const secret = await enrol(request);
    expect((await (await request()).risk.get({ caseId })).profile?.email).toBe("t***@example.jp");

    // Enrolment verified the session just now; eleven minutes later the reveal asks again.
    await db.userSession.updateMany({
      where: { userId: manager.id },
      data: { mfaVerifiedAt: new Date(Date.now() - 11 * 60 * 1000) },
    });
    forgetUserSessions(manager.id);
    const stale = request;
    const refused = await (await stale()).risk.revealPii({ caseId }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TRPCError);
    expect(refused).toMatchObject({ code: "FORBIDDEN", cause: { details: { reason: "STEP_UP_REQUIRED" } } });
    expect(await db.auditLog.count({ where: { action: "PiiRevealed", actorId: manager.id } })).toBe(0);

    await expect((await stale()).account.verifyStepUp({ code: "000000" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await (await stale()).account.verifyStepUp({ code: await codeFromNextStep(secret) });
    const revealed = await (await stale()).risk.revealPii({ caseId });
    expect(revealed).toMatchObject({
      email: "taro.yamada@example.jp",
      displayName: "山田 太郎",
      masked: false,
    });
    expect(await db.auditLog.count({ where: { action: "PiiRevealed", actorId: manager.id } })).toBe(1);
  });

  it("stores a ticket's requester encrypted and reads it back in plain", async () => {
    await supportTeams();
    const ticket = await newTicket({ requesterName: "佐藤 花子", requesterEmail: "hanako@example.jp" });
    const [row] = await db.$queryRaw<
      { requesterName: string; requesterEmail: string; requesterEmailIndex: string }[]
    >`
      SELECT "requesterName", "requesterEmail", "requesterEmailIndex" FROM "Ticket" WHERE id = ${ticket.id}::uuid`;
    expect(row?.requesterName).toMatch(/^pii1:/);
    expect(row?.requesterEmail).not.toContain("hanako");
    expect(row?.requesterEmailIndex).not.toContain("hanako");
    expect(ticket).toMatchObject({ requesterName: "佐藤 花子", requesterEmail: "hanako@example.jp" });
  });
});

describe("pii:reencrypt", () => {
  it("moves every value to the new active key, plaintext left from before encryption included", async () => {
    const subjectId = newSubjectId();
    const old = piiKeyring();
    await db.riskSubjectProfile.create({
      data: {
        subjectType: "courier",
        subjectId,
        displayName: encryptPii(old, "高橋 一郎"),
        phone: "080-0000-1111",
      },
    });
    const rotated = parsePiiKeyring(
      `${[...old.keys].map(([id, key]) => `${id}:${key.toString("base64")}`).join(",")},next:${newPiiKey()}`,
      "next",
    );
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const where = { subjectType_subjectId: { subjectType: "courier" as const, subjectId } };
    try {
      await reencryptPii(client, rotated);
      const row = await db.riskSubjectProfile.findUniqueOrThrow({ where });
      expect(piiKeyIdOf(row.displayName)).toBe("next");
      expect(piiKeyIdOf(row.phone ?? "")).toBe("next");
      const stillOld = await db.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM "Ticket" WHERE "requesterName" NOT LIKE 'pii1:next:%'`;
      expect(stillOld[0]?.n).toBe(0);
    } finally {
      // Back under the key this process reads with, for the tests that share the database.
      await reencryptPii(client, { ...rotated, activeKeyId: old.activeKeyId });
      await client.end();
    }
    const back = await db.riskSubjectProfile.findUniqueOrThrow({ where });
    expect(piiKeyIdOf(back.displayName)).toBe(old.activeKeyId);
  });
});
