import type { Queryable } from "../db/transaction.ts";

// The second factor's rows: a user's TOTP secrets (stored encrypted) and one-time recovery codes (stored hashed).

export function findTotpState(db: Queryable, userId: string) {
  return db.user.findUnique({
    where: { id: userId },
    select: {
      email: true,
      totpSecret: true,
      totpPendingSecret: true,
      totpEnabledAt: true,
      totpLastStep: true,
    },
  });
}

/**
 * Claims a time step for a user: true only when it is later than the last one used, so two requests racing with
 * the same code cannot both pass.
 */
export async function claimTotpStep(db: Queryable, userId: string, step: number): Promise<boolean> {
  const { count } = await db.user.updateMany({
    where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return count === 1;
}

/** Uses a recovery code once; false when it is unknown or already used. */
export async function spendRecoveryCode(db: Queryable, userId: string, codeHash: string, at: Date) {
  const { count } = await db.mfaRecoveryCode.updateMany({
    where: { userId, codeHash, usedAt: null },
    data: { usedAt: at },
  });
  return count === 1;
}

export async function savePendingTotpSecret(db: Queryable, userId: string, encryptedSecret: string) {
  await db.user.update({ where: { id: userId }, data: { totpPendingSecret: encryptedSecret } });
}

/** The pending secret becomes the one in use; the recovery codes are replaced by the new ones. */
export async function enableTotp(
  db: Queryable,
  userId: string,
  change: { encryptedSecret: string; step: number; recoveryCodeHashes: readonly string[]; at: Date },
) {
  await db.user.update({
    where: { id: userId },
    data: {
      totpSecret: change.encryptedSecret,
      totpPendingSecret: null,
      totpEnabledAt: change.at,
      totpLastStep: change.step,
    },
  });
  await db.mfaRecoveryCode.deleteMany({ where: { userId } });
  await db.mfaRecoveryCode.createMany({
    data: change.recoveryCodeHashes.map((codeHash) => ({ userId, codeHash })),
  });
}

/** An admin's reset: the user enrols again at the next sign-in (required for admins) or from their account page. */
export async function clearTotp(db: Queryable, userId: string) {
  await db.user.update({
    where: { id: userId },
    data: { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null },
  });
  await db.mfaRecoveryCode.deleteMany({ where: { userId } });
}

export function countUnusedRecoveryCodes(db: Queryable, userId: string) {
  return db.mfaRecoveryCode.count({ where: { userId, usedAt: null } });
}
