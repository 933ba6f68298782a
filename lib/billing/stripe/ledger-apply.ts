// Applies what a Stripe API call returned to the ledger at once, so the portal shows a change
// before its webhook arrives. The state is stamped with Stripe's clock (the response's Date
// header, whole seconds like event timestamps), so the webhook describing the same change lands
// as a no-op and anything later as a newer state. A response is the object's latest state, so
// its stamp is also kept after the stored one: two quick writes in one second (cancel, then
// resume) must not lose the second to the ledger's same-instant tie-break.
import "server-only";

import { bumpAuthEpoch } from "../../api-keys/epoch";
import { withTenant, type TenantTx } from "../../db/tenant";
import type { InvoiceState, SubscriptionState } from "../events";
import { applyBillingEvents } from "../ledger";

export const STRIPE_API_ACTOR = { id: null, email: "stripe api" };

interface WithLastResponse {
  lastResponse?: { headers?: Record<string, string | string[] | undefined> };
}

/** Stripe's time of a response, truncated to the second; our clock when the header is missing. */
export function stripeClock(response: object): Date {
  const header = (response as WithLastResponse).lastResponse?.headers?.date;
  const parsed = typeof header === "string" ? Date.parse(header) : Number.NaN;
  const ms = Number.isNaN(parsed) ? Date.now() : parsed;
  return new Date(Math.floor(ms / 1000) * 1000);
}

type ApiState = SubscriptionState | InvoiceState;

async function storedStamp(tx: TenantTx, kind: ApiState["kind"], providerId: string): Promise<Date | null> {
  const where = { provider_providerId: { provider: "STRIPE" as const, providerId } };
  const select = { providerUpdatedAt: true } as const;
  const row =
    kind === "subscription"
      ? await tx.subscription.findUnique({ where, select })
      : await tx.invoice.findUnique({ where, select });
  return row?.providerUpdatedAt ?? null;
}

/**
 * Applies the state `build` makes of an API response (null: nothing of ours) for `tenantId`,
 * stamped with the response's time.
 */
export async function applyApiResponse(
  tenantId: string,
  response: object,
  build: (at: Date) => ApiState | null,
): Promise<void> {
  const clock = stripeClock(response);
  const effects = await withTenant(tenantId, async (tx) => {
    const probe = build(clock);
    if (!probe) return null;
    const stored = await storedStamp(tx, probe.kind, probe.providerId);
    const at = stored && stored >= clock ? new Date(stored.getTime() + 1) : clock;
    const state = at === clock ? probe : build(at);
    return state ? applyBillingEvents(tx, tenantId, [state], STRIPE_API_ACTOR) : null;
  });
  if (effects?.limitsChanged) await bumpAuthEpoch(tenantId);
}
