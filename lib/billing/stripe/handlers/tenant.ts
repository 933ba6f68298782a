// Which tenant a Stripe object belongs to: an id Tessera put in metadata (or a checkout session's
// client_reference_id), checked to exist; else the tenant linked to the Stripe customer; else the
// tenant owning a ledger row the object refers to. null: not known yet (the event is retried).
import type { TenantLookup } from "../../webhooks/types";
import { idOf } from "../map/common";

export interface TenantHints {
  /** Tenant ids read from the object (metadata.tenant_id, client_reference_id), in order of trust. */
  tenantIds?: (string | null | undefined)[];
  customer?: string | { id: string } | null;
  /** Ledger rows the object refers to. */
  ledger?: { model: "subscription" | "invoice" | "payment"; providerId: string | null | undefined }[];
}

export async function resolveTenant(lookup: TenantLookup, hints: TenantHints): Promise<string | null> {
  for (const id of hints.tenantIds ?? []) {
    const tenant = id ? await lookup.tenantById(id) : null;
    if (tenant) return tenant;
  }
  const byCustomer = await lookup.tenantByStripeCustomer(idOf(hints.customer));
  if (byCustomer) return byCustomer;
  for (const { model, providerId } of hints.ledger ?? []) {
    const tenant = providerId ? await lookup.tenantByObject(model, "STRIPE", providerId) : null;
    if (tenant) return tenant;
  }
  return null;
}
