import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import { callerFor } from "../support/alerts.ts";
import { createUser } from "../support/fixtures.ts";

// Schedules through the tRPC router: admins and on-call leads change them, everyone reads; overrides and swaps
// change who is on call; the timeline flags gaps; bad input is a 400 naming the field.

const db = getDb();

function layer(participants: string[], startDate = "2026-01-05") {
  return {
    id: "primary",
    name: "Primary",
    kind: "daily" as const,
    handoffMinute: 9 * 60,
    handoffWeekday: 1,
    startDate,
    endDate: null,
    participants,
    restriction: null,
  };
}

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
}

describe("on-call schedules", () => {
  it("lets an on-call lead manage and an agent only read", async () => {
    const lead = await createUser(["support_agent"], ["oncall:manage"]);
    const agent = await createUser(["support_agent"]);
    const input = {
      name: `Lead's ${randomUUID()}`,
      teamId: null,
      timezone: "Asia/Tokyo",
      layers: [layer([agent.id])],
    };
    expect(await codeOf(callerFor(agent).oncall.createSchedule(input))).toBe("FORBIDDEN");
    const created = await callerFor(lead).oncall.createSchedule(input);
    const mine = (await callerFor(agent).oncall.schedules()).find((s) => s.id === created.id);
    expect(mine?.now?.userId).toBe(agent.id);
    const audit = await db.auditLog.findFirst({
      where: { entityId: created.id, action: "OncallScheduleChanged" },
    });
    expect(audit?.actorId).toBe(lead.id);
  });

  it("refuses bad input by field: an unknown time zone, a participant who is no user, a swap of no shift", async () => {
    const admin = await createUser(["admin"]);
    const api = callerFor(admin);
    const base = {
      name: `Bad ${randomUUID()}`,
      teamId: null,
      timezone: "Mars/Olympus",
      layers: [layer([admin.id])],
    };
    await expect(api.oncall.createSchedule(base)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      api.oncall.createSchedule({ ...base, timezone: "UTC", layers: [layer([randomUUID()])] }),
    ).rejects.toThrow(/layers.participants/);
    const { id } = await api.oncall.createSchedule({ ...base, timezone: "UTC" });
    await expect(
      api.oncall.swapShifts({
        scheduleId: id,
        layerId: "primary",
        shiftStart: new Date("2026-03-02T10:00:00Z"),
        otherShiftStart: new Date("2026-03-03T09:00:00Z"),
      }),
    ).rejects.toThrow(/shiftStart/);
  });

  it("an override wins for its window and a swap exchanges two shifts; the timeline shows both and its gaps", async () => {
    const admin = await createUser(["admin"]);
    const [aoi, ben, cover] = [
      await createUser(["support_agent"]),
      await createUser(["support_agent"]),
      await createUser(["support_agent"]),
    ];
    const api = callerFor(admin);
    // UTC rotation from 2026-03-02 09:00: aoi, ben, aoi, ben …; nobody before it starts.
    const { id } = await api.oncall.createSchedule({
      name: `Swap ${randomUUID()}`,
      teamId: null,
      timezone: "UTC",
      layers: [layer([aoi.id, ben.id], "2026-03-02")],
    });
    await api.oncall.addOverride({
      scheduleId: id,
      userId: cover.id,
      startsAt: new Date("2026-03-02T12:00:00Z"),
      endsAt: new Date("2026-03-02T14:00:00Z"),
      reason: "dentist",
    });
    await api.oncall.swapShifts({
      scheduleId: id,
      layerId: "primary",
      shiftStart: new Date("2026-03-03T09:00:00Z"),
      otherShiftStart: new Date("2026-03-04T09:00:00Z"),
    });
    const timeline = await api.oncall.timeline({
      scheduleId: id,
      from: new Date("2026-03-02T00:00:00Z"),
      days: 3,
    });
    expect(timeline.segments.map((s) => [s.kind, s.person?.userId ?? null, s.start.toISOString()])).toEqual([
      ["gap", null, "2026-03-02T00:00:00.000Z"],
      ["rotation", aoi.id, "2026-03-02T09:00:00.000Z"],
      ["override", cover.id, "2026-03-02T12:00:00.000Z"],
      ["rotation", aoi.id, "2026-03-02T14:00:00.000Z"],
      ["swap", aoi.id, "2026-03-03T09:00:00.000Z"],
      ["swap", ben.id, "2026-03-04T09:00:00.000Z"],
    ]);
    expect(timeline.gaps).toEqual([
      { start: new Date("2026-03-02T00:00:00Z"), end: new Date("2026-03-02T09:00:00Z") },
    ]);
    // The layer's own shifts, swaps applied, overrides aside: what the swap form offers.
    expect(timeline.shifts.map((s) => [s.layerId, s.person.userId, s.start.toISOString()])).toEqual([
      ["primary", aoi.id, "2026-03-02T09:00:00.000Z"],
      ["primary", aoi.id, "2026-03-03T09:00:00.000Z"],
      ["primary", ben.id, "2026-03-04T09:00:00.000Z"],
    ]);
  });

  it("lets one of the two people swap their shift, but not a third person; a lead may swap any two", async () => {
    const admin = await createUser(["admin"]);
    const [aoi, ben, carl] = [
      await createUser(["support_agent"]),
      await createUser(["support_agent"]),
      await createUser(["support_agent"]),
    ];
    // UTC rotation from 2026-03-02 09:00: aoi, ben, carl, aoi …
    const { id } = await callerFor(admin).oncall.createSchedule({
      name: `People swap ${randomUUID()}`,
      teamId: null,
      timezone: "UTC",
      layers: [layer([aoi.id, ben.id, carl.id], "2026-03-02")],
    });
    const swap = (shiftStart: string, otherShiftStart: string) => ({
      scheduleId: id,
      layerId: "primary",
      shiftStart: new Date(shiftStart),
      otherShiftStart: new Date(otherShiftStart),
    });
    // carl holds neither aoi's nor ben's shift.
    expect(
      await codeOf(callerFor(carl).oncall.swapShifts(swap("2026-03-02T09:00:00Z", "2026-03-03T09:00:00Z"))),
    ).toBe("FORBIDDEN");
    expect(
      await codeOf(callerFor(ben).oncall.swapShifts(swap("2026-03-02T09:00:00Z", "2026-03-03T09:00:00Z"))),
    ).toBe("OK");
    const lead = await createUser(["support_agent"], ["oncall:manage"]);
    expect(
      await codeOf(callerFor(lead).oncall.swapShifts(swap("2026-03-03T09:00:00Z", "2026-03-04T09:00:00Z"))),
    ).toBe("OK");
    const { shifts } = await callerFor(carl).oncall.timeline({
      scheduleId: id,
      from: new Date("2026-03-02T09:00:00Z"),
      days: 3,
    });
    // ben took aoi's first shift; the lead then traded aoi's (ex-ben's) second with carl's third.
    expect(shifts.map((s) => s.person.userId)).toEqual([ben.id, carl.id, aoi.id]);
  });

  it("finds people by name or e-mail for the pickers, and names the ids asked for", async () => {
    const agent = await createUser(["support_agent"]);
    const found = await db.user.findUniqueOrThrow({ where: { id: agent.id } });
    const api = callerFor(agent);
    const byEmail = await api.oncall.people({ search: found.email.slice(0, 12).toUpperCase() });
    expect(byEmail.map((p) => p.userId)).toContain(agent.id);
    const byId = await api.oncall.people({ search: "", ids: [agent.id] });
    expect(byId).toEqual([{ userId: agent.id, name: found.name, email: found.email }]);
    expect(await api.oncall.people({ search: "%_no-such-person_%" })).toEqual([]);
  });
});
