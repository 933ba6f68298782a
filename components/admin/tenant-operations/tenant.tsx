// What the operator's tenant forms know of the tenant (components/admin/tenant-operations/*), and
// the hidden field that names it in every form they post.
import type { TenantStatus, Tier } from "@/lib/db/generated/enums";

export interface OperableTenant {
  id: string;
  name: string;
  slug: string;
  tier: Tier;
  trialTier: Tier | null;
  trialEndsAt: string | null;
  trialing: boolean;
  /** A provider trial on a subscription (checkout carried the remaining days over), else null. */
  subscriptionTrialEndsAt: string | null;
  status: TenantStatus;
  purgeAfter: string | null;
}

export function TenantIdField({ id }: { id: string }) {
  return <input type="hidden" name="tenantId" value={id} />;
}
