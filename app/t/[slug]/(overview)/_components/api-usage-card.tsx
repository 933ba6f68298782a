// The overview's "API usage this month" card. Async: render it inside <Suspense> so the rest of
// the overview does not wait for the usage summary.
import Link from "next/link";
import { ArrowRight } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import type { TenantContext } from "@/lib/tenancy/context";
import { can } from "@/lib/tenancy/permissions";
import { getUsageSummary } from "@/lib/usage/summary";

import { UsageMeter } from "@/components/workspace/usage/usage-meters";

export async function ApiUsageCard({ ctx }: { ctx: TenantContext }) {
  if (!can(ctx.role, "usage:read")) return null;
  const usage = await getUsageSummary(ctx);
  const calls = usage.dimensions.find((d) => d.id === "api_calls");
  if (!calls) return null;
  return (
    <Card data-testid="api-usage-card">
      <CardHeader>
        <CardTitle>API usage this month</CardTitle>
        <CardDescription>Calls to the Tessera API against the plan&apos;s monthly quota.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <UsageMeter dimension={calls} label="API calls" />
        <Button asChild variant="outline" size="sm" className="w-fit">
          <Link href={`/t/${ctx.tenant.slug}/usage`}>
            View usage
            <ArrowRight aria-hidden />
          </Link>
        </Button>
      </CardContent>
    </Card>
  );
}

export function ApiUsageCardSkeleton() {
  return <Skeleton className="h-48 rounded-xl" />;
}
