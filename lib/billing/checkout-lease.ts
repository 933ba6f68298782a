// Two checkouts at once, for one workspace, must not both start or complete a subscription. A
// short lease on the tenant's billing account serialises them: taking it is one conditional update
// (free, or expired), so it works the same on PostgreSQL and PGlite and holds no transaction open
// while a provider is called; the holder checks "no live subscription yet" and acts; the next one
// then sees what the first did. A crashed holder's lease expires by itself.
import "server-only";

import { randomUUID } from "node:crypto";

import { withTenant } from "../db/tenant";
import { AppError } from "@/lib/errors";

/** How long a lease lasts if its holder never releases it (a crash mid-checkout). */
const LEASE_MS = 60_000;
/** How long a second checkout waits for the first before giving up. */
const WAIT_MS = 20_000;

async function acquire(tenantId: string, token: string): Promise<boolean> {
  const now = new Date();
  return withTenant(tenantId, async (tx) => {
    await tx.billingAccount.createMany({ data: [{ tenantId }], skipDuplicates: true });
    const { count } = await tx.billingAccount.updateMany({
      where: { tenantId, OR: [{ checkoutLeaseUntil: null }, { checkoutLeaseUntil: { lt: now } }] },
      data: { checkoutLeaseToken: token, checkoutLeaseUntil: new Date(now.getTime() + LEASE_MS) },
    });
    return count === 1;
  });
}

async function release(tenantId: string, token: string): Promise<void> {
  await withTenant(tenantId, (tx) =>
    tx.billingAccount.updateMany({
      where: { tenantId, checkoutLeaseToken: token },
      data: { checkoutLeaseToken: null, checkoutLeaseUntil: null },
    }),
  );
}

/** Runs `fn` while holding the workspace's checkout lease (waiting for another holder to finish). */
export async function withCheckoutLease<T>(tenantId: string, fn: () => Promise<T>): Promise<T> {
  const token = randomUUID();
  const giveUp = Date.now() + WAIT_MS;
  let pause = 25;
  while (!(await acquire(tenantId, token))) {
    if (Date.now() > giveUp) {
      throw new AppError("conflict", "Another checkout for this workspace is in progress; try again in a moment.");
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, 400);
  }
  try {
    return await fn();
  } finally {
    await release(tenantId, token);
  }
}
