import Link from "next/link";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { dunningNotice } from "@/lib/billing/portal";
import type { TenantContext } from "@/lib/tenancy/context";
import { daysUntil, plural } from "@/lib/format";
import { getTenantContext } from "@/lib/http/tenant";
import { isTrialActive, TIER_DEFINITIONS } from "@/lib/tenancy/tiers";

import { ComparePlansLink } from "@/components/workspace/compare-plans-link";
import { Time } from "@/components/workspace/time";

type BannerTenant = Pick<
  TenantContext["tenant"],
  "slug" | "tier" | "trialTier" | "trialEndsAt" | "status" | "suspendedReason"
>;

/**
 * A failed payment, for the members who can fix it (billing:manage), while a paid plan is at
 * stake. Reads the caller's role from the request's cached tenant context.
 */
async function DunningBanner({ slug }: { slug: string }) {
  const ctx = await getTenantContext(slug);
  const notice = ctx ? await dunningNotice(ctx) : null;
  if (!notice) return null;
  return (
    <Alert variant="destructive" data-testid="banner-past-due">
      <AlertTitle>Payment failed</AlertTitle>
      <AlertDescription>
        <p>
          Your last payment failed. Update your payment method
          {notice.graceEndsAt ? (
            <>
              {" "}
              by <Time value={notice.graceEndsAt} />
            </>
          ) : null}{" "}
          to keep {TIER_DEFINITIONS[notice.tier].label}.{" "}
          <Link href={`/t/${slug}/billing`} className="font-medium underline underline-offset-4">
            Go to Billing
          </Link>
        </p>
      </AlertDescription>
    </Alert>
  );
}

/** Workspace-wide notices: past due (billing managers), suspended (read-only), trial running, trial lapsed to Free. */
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

  // The dunning banner loads on its own; the wrapper collapses when nothing is shown.
  return (
    <div className="mb-6 grid gap-3 empty:hidden">
      <DunningBanner slug={tenant.slug} />
      {banners}
    </div>
  );
}
