import { z } from "zod";
import { ROLES } from "../auth/permissions.ts";
import { TICKET_CATEGORIES } from "../tickets/types.ts";

// Inputs and outputs of user administration and of a person's own account.

const MINUTES_PER_DAY = 24 * 60;
const minuteOfDay = z.number().int().min(0).max(MINUTES_PER_DAY);

/** What ticket routing reads of an agent (server/tickets/routing*.ts): skills, languages, load and shift. */
const agentProfileInput = z
  .object({
    skills: z.array(z.enum(TICKET_CATEGORIES)).max(TICKET_CATEGORIES.length),
    languages: z
      .array(
        z
          .string()
          .trim()
          .regex(/^[a-z]{2}$/, "Use a two-letter language code."),
      )
      .min(1)
      .max(10),
    capacity: z.number().int().min(0).max(100),
    shiftStartMin: minuteOfDay,
    shiftEndMin: minuteOfDay,
    workDays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  })
  .refine((p) => p.shiftStartMin !== p.shiftEndMin, {
    message: "A shift cannot start and end at once.",
    path: ["shiftEndMin"],
  });
export type AgentProfileInput = z.infer<typeof agentProfileInput>;

export const inviteUserInput = z.object({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(120),
  roles: z.array(z.enum(ROLES)).min(1, "Choose at least one role."),
  teamId: z.uuid().nullable(),
});
export type InviteUserInput = z.infer<typeof inviteUserInput>;

export const updateUserInput = z.object({
  id: z.uuid(),
  roles: z.array(z.enum(ROLES)).min(1, "Choose at least one role."),
  teamId: z.uuid().nullable(),
  /** Null removes the agent profile (the user receives no routed tickets). */
  agentProfile: agentProfileInput.nullable(),
});
export type UpdateUserInput = z.infer<typeof updateUserInput>;

export const userIdInput = z.object({ id: z.uuid() });

export const acceptInviteInput = z.object({
  token: z.string().min(20).max(100),
  password: z.string().min(12, "Use at least 12 characters.").max(200),
});

export const userView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.enum(ROLES)),
  team: z.object({ id: z.string(), name: z.string() }).nullable(),
  status: z.enum(["active", "invited", "deactivated"]),
  mfaEnabled: z.boolean(),
  openSessions: z.number().int(),
  agentProfile: z
    .object({
      skills: z.array(z.enum(TICKET_CATEGORIES)),
      languages: z.array(z.string()),
      capacity: z.number().int(),
      shiftStartMin: z.number().int(),
      shiftEndMin: z.number().int(),
      workDays: z.array(z.number().int()),
    })
    .nullable(),
});
export type UserView = z.infer<typeof userView>;

/** The one-time link is shown once, to the admin who made it (only its hash is stored). */
export const invitation = z.object({ user: userView, invitePath: z.string(), expiresAt: z.date() });

export const userAdminOptions = z.object({
  teams: z.array(z.object({ id: z.string(), name: z.string() })),
  categories: z.array(z.enum(TICKET_CATEGORIES)),
});

// ── A person's own account ───────────────────────────────────────────────────

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(12, "Use at least 12 characters.").max(200),
});

export const codeInput = z.object({ code: z.string().trim().min(6).max(20) });

export const mfaEnrolment = z.object({ secret: z.string(), otpauthUri: z.string(), qrDataUrl: z.string() });
export const recoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });

export const accountView = z.object({
  email: z.string(),
  name: z.string(),
  mfaEnabled: z.boolean(),
  mfaRequired: z.boolean(),
  unusedRecoveryCodes: z.number().int(),
  stepUpValidUntil: z.date().nullable(),
  sessions: z.array(
    z.object({
      id: z.string(),
      createdAt: z.date(),
      expiresAt: z.date(),
      userAgent: z.string().nullable(),
      current: z.boolean(),
    }),
  ),
});
export type AccountView = z.infer<typeof accountView>;

export const sessionIdInput = z.object({ sessionId: z.uuid() });
