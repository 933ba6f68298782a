// Enforcement of the tier table's limits where they arise. Users: members plus pending
// invitations may not exceed the tier's user limit (invites beyond it are refused).
// Seats are counted under a per-tenant lock (lockSeats) held to the end of the transaction, so
// concurrent invitations and acceptances cannot all see the last free seat.
import type { TenantTx } from "../db/tenant";
import type { Tier } from "../db/generated/enums";
import { AppError } from "@/lib/errors";
import { formatLimit, TIER_DEFINITIONS } from "./tiers";

/**
 * Serialises the transactions that add seats to one tenant (invite, accept) until they commit.
 * A transaction-scoped advisory lock: released at commit or rollback, never leaked to the pool.
 */
export async function lockSeats(tx: TenantTx, tenantId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('tenant-seats'), hashtext(${tenantId}))`;
}

export async function countSeats(tx: TenantTx, now = new Date()): Promise<{ members: number; pending: number }> {
  const [members, pending] = await Promise.all([
    tx.membership.count({}),
    tx.invitation.count({ where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } } }),
  ]);
  return { members, pending };
}

/** Throws limit_exceeded when `adding` more seats would pass the tier's user limit. */
export async function assertSeatsAvailable(
  tx: TenantTx,
  tier: Tier,
  { adding = 1, countPending = true, now = new Date() } = {},
): Promise<void> {
  const limit = TIER_DEFINITIONS[tier].limits.users;
  if (limit === null) return;
  // The caller holds lockSeats(): count now, inside the lock, never from an earlier read.
  const { members, pending } = await countSeats(tx, now);
  const used = members + (countPending ? pending : 0);
  if (used + adding > limit) {
    const plan = TIER_DEFINITIONS[tier].label;
    throw new AppError(
      "limit_exceeded",
      `The ${plan} plan includes ${formatLimit(limit)} users and this workspace has ${members} member${members === 1 ? "" : "s"}` +
        (countPending && pending ? ` and ${pending} pending invitation${pending === 1 ? "" : "s"}` : "") +
        ". Upgrade the plan or remove someone first.",
      { limit, members, pending },
    );
  }
}
