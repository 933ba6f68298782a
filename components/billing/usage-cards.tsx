import Link from "next/link";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Time } from "@/components/workspace/time";
import { UsageMeters } from "@/components/workspace/usage/usage-meters";
import type { PortalMeteredUsage } from "@/lib/billing/metering";
import type { Tier } from "@/lib/db/generated/enums";
import { formatCount, formatMoney } from "@/lib/format";
import { tierLabel } from "@/lib/tenancy/tiers";
import type { UsageDimension } from "@/lib/usage/summary";

/** The plan's limits with this month's usage against them. */
export function PlanLimitsCard({
  tier,
  usage,
  periodEnd,
  usageHref,
}: {
  tier: Tier;
  usage: UsageDimension[];
  periodEnd: Date;
  usageHref: string;
}) {
  return (
    <Card data-testid="plan-limits">
      <CardHeader>
        <CardTitle>Plan limits</CardTitle>
        <CardDescription>
          What the {tierLabel(tier)} plan includes, and this month&apos;s usage. API calls reset on{" "}
          <Time value={periodEnd} />.{" "}
          <Link href={usageHref} className="font-medium text-foreground underline underline-offset-4">
            Usage details
          </Link>
        </CardDescription>
      </CardHeader>
      <CardContent>
        <UsageMeters dimensions={usage} />
      </CardContent>
    </Card>
  );
}

/** Usage billed on top of the plan (API calls beyond the quota, AI tokens), with the projection. */
export function MeteredUsageCard({ metered }: { metered: PortalMeteredUsage }) {
  const money = (minor: number) => formatMoney(minor, metered.currency);
  const projected = metered.meters.reduce((sum, meter) => sum + meter.projectedCharge, 0);
  return (
    <Card data-testid="metered-usage">
      <CardHeader>
        <CardTitle>Metered usage</CardTitle>
        <CardDescription>
          Billed on top of the plan for <Time value={metered.periodStart} /> to <Time value={metered.periodEnd} />.
          Projected charge for the period: <span className="font-medium text-foreground">{money(projected)}</span>.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <div className="rounded-lg border">
          <Table scrollLabel="Metered usage">
            <TableCaption className="sr-only">Metered usage this period</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead>Meter</TableHead>
                <TableHead className="text-right">Used</TableHead>
                <TableHead className="text-right">Included</TableHead>
                <TableHead className="text-right">Billable</TableHead>
                <TableHead className="text-right">Charge so far</TableHead>
                <TableHead className="text-right">Projected</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {metered.meters.map((meter) => (
                <TableRow key={meter.meter}>
                  <TableHead scope="row" className="font-medium">
                    {meter.label}
                  </TableHead>
                  <TableCell className="text-right tabular-nums">{formatCount(meter.used)}</TableCell>
                  <TableCell className="text-right tabular-nums">
                    {meter.included === null ? "Unlimited" : formatCount(meter.included)}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{formatCount(meter.billable)}</TableCell>
                  <TableCell className="text-right tabular-nums">{money(meter.charge)}</TableCell>
                  <TableCell className="text-right tabular-nums">
                    {money(meter.projectedCharge)}
                    <span className="sr-only"> for {formatCount(meter.projectedBillable)} billable units</span>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </CardContent>
    </Card>
  );
}
