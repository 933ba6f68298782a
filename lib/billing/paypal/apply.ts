// Applies events that PayPal calls (or the local order simulation) produced outside the webhook
// pipeline: one tenant transaction, then the same follow-up the pipeline does after commit (auth
// epoch on a tier change, notices by email).
import "server-only";

import { bumpAuthEpoch } from "../../api-keys/epoch";
import { withTenant } from "../../db/tenant";
import { logger } from "../../observability/logger";
import type { Actor } from "../../tenancy/audit";
import type { TenantBillingEvent } from "../events";
import { applyBillingEvents, type LedgerEffects } from "../ledger";
import { notifyBillingContacts } from "../notify";

export async function applyAndFollowUp(
  tenantId: string,
  events: readonly TenantBillingEvent[],
  actor: Actor,
): Promise<LedgerEffects> {
  const effects = await withTenant(tenantId, (tx) => applyBillingEvents(tx, tenantId, events, actor));
  await followUp(tenantId, effects);
  return effects;
}

/** After the ledger transaction committed: the auth epoch on a tier change, notices by email. */
export async function followUp(tenantId: string, effects: LedgerEffects): Promise<void> {
  try {
    if (effects.limitsChanged) await bumpAuthEpoch(tenantId);
    for (const notice of effects.notices) await notifyBillingContacts(tenantId, notice);
  } catch (error) {
    logger.error("billing follow-up failed", { tenantId, error });
  }
}
