import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import type { UsageDimension } from "@/lib/usage/summary";

import { ComparePlansLink } from "../compare-plans-link";
import { Time } from "../time";
import { formatPercent } from "./format-usage";

function list(dimensions: UsageDimension[]): string {
  const names = dimensions.map((d) => `${d.label} (${formatPercent(d.ratio)})`);
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/**
 * Limits reached (100 %) and approaching (from 80 %), each with an upgrade hint. With a paid
 * subscription (`overageBilled`), API calls beyond the quota go through and are billed instead.
 */
export function UsageBanners({
  dimensions,
  periodEnd,
  overageBilled = false,
  billingHref,
}: {
  dimensions: UsageDimension[];
  periodEnd: Date;
  overageBilled?: boolean;
  billingHref?: string;
}) {
  const reached = dimensions.filter((d) => d.level === "exceeded");
  const approaching = dimensions.filter((d) => d.level === "warning");
  if (reached.length === 0 && approaching.length === 0) return null;
  const apiReached = reached.some((d) => d.id === "api_calls");
  return (
    <div className="grid gap-3">
      {reached.length > 0 && (
        <Alert variant="destructive" data-testid="usage-reached">
          <AlertTitle>Plan limit reached</AlertTitle>
          <AlertDescription>
            <p>
              Reached: {list(reached)}.{" "}
              {apiReached && overageBilled && (
                <>
                  API calls beyond the quota still go through and are billed as metered overage
                  {billingHref ? (
                    <>
                      {" "}
                      (see <a href={billingHref}>Billing</a>)
                    </>
                  ) : null}
                  .{" "}
                </>
              )}
              {apiReached && !overageBilled && (
                <>
                  New API calls are refused (429 Too Many Requests) until the quota resets on <Time value={periodEnd} />
                  .{" "}
                </>
              )}
              Upgrade the plan to raise the limit. <ComparePlansLink />
            </p>
          </AlertDescription>
        </Alert>
      )}
      {approaching.length > 0 && (
        <Alert variant="warning" role="status" data-testid="usage-approaching">
          <AlertTitle>Approaching your plan&apos;s limits</AlertTitle>
          <AlertDescription>
            <p>
              80% or more used: {list(approaching)}. At 100% further use is refused. Upgrade the plan for more headroom.{" "}
              <ComparePlansLink />
            </p>
          </AlertDescription>
        </Alert>
      )}
    </div>
  );
}
