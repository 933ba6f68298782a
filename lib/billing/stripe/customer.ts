// The tenant's Stripe customer, created on first need (checkout, a one-off invoice) with the
// tenant id in its metadata and stored on the billing account. The idempotency key is the tenant:
// two concurrent first checkouts get the same customer.
import "server-only";

import { getDb } from "../../db/client";
import { withTenant } from "../../db/tenant";
import { stripe } from "./client";

export interface EnsureCustomerInput {
  tenantId: string;
  /** What the caller already knows (CheckoutInput.account); looked up when absent. */
  stripeCustomerId?: string | null;
  email?: string | null;
  name?: string | null;
}

/** Who receives a customer's invoices when no billing email is on file: the first owner or billing member. */
async function profileOf(tenantId: string): Promise<{ email: string | null; name: string | null }> {
  const db = await getDb();
  const tenant = await db.tenant.findUnique({
    where: { id: tenantId },
    select: {
      name: true,
      memberships: {
        where: { role: { in: ["OWNER", "BILLING"] } },
        orderBy: { createdAt: "asc" },
        take: 1,
        select: { user: { select: { email: true } } },
      },
    },
  });
  return { email: tenant?.memberships[0]?.user.email ?? null, name: tenant?.name ?? null };
}

export async function ensureStripeCustomer(input: EnsureCustomerInput): Promise<string> {
  if (input.stripeCustomerId) return input.stripeCustomerId;
  const { tenantId } = input;
  const account = await withTenant(tenantId, (tx) => tx.billingAccount.findUnique({ where: { tenantId } }));
  if (account?.stripeCustomerId) return account.stripeCustomerId;

  let email = input.email ?? account?.email ?? null;
  let name = input.name ?? account?.name ?? null;
  if (!email || !name) {
    const fallback = await profileOf(tenantId);
    email ??= fallback.email;
    name ??= fallback.name;
  }
  const customer = await stripe().customers.create(
    { email: email ?? undefined, name: name ?? undefined, metadata: { tenant_id: tenantId } },
    { idempotencyKey: `customer:${tenantId}` },
  );
  await withTenant(tenantId, (tx) =>
    tx.billingAccount.upsert({
      where: { tenantId },
      create: { tenantId, stripeCustomerId: customer.id, email, name },
      update: { stripeCustomerId: customer.id },
    }),
  );
  return customer.id;
}
