import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import type { Tenant } from "@/lib/db/generated/client";
import { daysUntil, plural } from "@/lib/format";
import { isTrialActive, TIER_DEFINITIONS } from "@/lib/tenancy/tiers";

import { ComparePlansLink } from "./compare-plans-link";
import { Time } from "./time";

type BannerTenant = Pick<Tenant, "tier" | "trialTier" | "trialEndsAt" | "status" | "suspendedReason">;

/** Workspace-wide notices: suspended (read-only), trial running, trial lapsed to Free. */
export function WorkspaceBanners({ tenant, now = new Date() }: { tenant: BannerTenant; now?: Date }) {
  const banners: React.ReactNode[] = [];

  if (tenant.status === "SUSPENDED") {
    banners.push(
      <Alert key="suspended" variant="destructive" data-testid="banner-suspended">
        <AlertTitle>This workspace is suspended and read-only</AlertTitle>
        <AlertDescription>
          <p>
            {tenant.suspendedReason ? <>Reason: {tenant.suspendedReason}. </> : null}
            You can still view everything, but changes are blocked. Contact support to reactivate it.
          </p>
        </AlertDescription>
      </Alert>,
    );
  }

  if (isTrialActive(tenant, now) && tenant.trialTier && tenant.trialEndsAt) {
    const days = daysUntil(tenant.trialEndsAt, now);
    banners.push(
      <Alert key="trial" variant="info" data-testid="banner-trial">
        <AlertTitle>
          {TIER_DEFINITIONS[tenant.trialTier].label} trial ends on <Time value={tenant.trialEndsAt} /> (
          {days === 0 ? "less than a day left" : `${plural(days, "day")} left`})
        </AlertTitle>
        <AlertDescription>
          <p>
            After that the workspace moves to the {TIER_DEFINITIONS[tenant.tier].label} plan. <ComparePlansLink />
          </p>
        </AlertDescription>
      </Alert>,
    );
  } else if (tenant.trialEndsAt && tenant.trialEndsAt <= now && tenant.tier === "FREE") {
    banners.push(
      <Alert key="lapsed" variant="warning" role="status" data-testid="banner-trial-ended">
        <AlertTitle>Your trial ended; the workspace is on the Free plan</AlertTitle>
        <AlertDescription>
          <p>
            The trial ended on <Time value={tenant.trialEndsAt} />. Free plan limits apply now. <ComparePlansLink />
          </p>
        </AlertDescription>
      </Alert>,
    );
  }

  if (banners.length === 0) return null;
  return <div className="mb-6 grid gap-3">{banners}</div>;
}
