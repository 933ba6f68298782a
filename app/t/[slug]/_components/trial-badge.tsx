// The sidebar's "Trial" badge: Tessera's own trial or a subscription's provider trial, the same
// trial the overview and the billing page show (lib/billing/portal.ts workspaceTrial).
import { Badge } from "@/components/ui/badge";
import { workspaceTrial } from "@/lib/billing/portal";
import type { TenantContext } from "@/lib/tenancy/context";

export async function TrialBadge({ ctx }: { ctx: TenantContext }) {
  return (await workspaceTrial(ctx)) ? <Badge variant="info">Trial</Badge> : null;
}
