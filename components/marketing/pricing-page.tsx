import Link from "next/link";
import { ArrowRight, Check, Minus } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { isPaidTier, priceOf } from "@/lib/billing/catalog";
import { formatMoney } from "@/lib/format";
import {
  DEFAULT_TRIAL_TIER,
  TIER_DEFINITIONS,
  TIERS,
  TRIAL_DAYS,
  formatLimit,
  type Feature,
  type TierDefinition,
  type TierLimits,
} from "@/lib/tenancy/tiers";

import type { PageHead } from "./marketing-layout";

export const PRICING_HEAD: PageHead = {
  title: "Pricing · Tessera",
  description: `Compare Tessera's plans: users, AI agents, API calls, storage and features. Start with a ${TRIAL_DAYS}-day trial.`,
};

const LIMIT_ROWS: { key: keyof TierLimits; label: string; unit: "count" | "bytes" }[] = [
  { key: "users", label: "Users", unit: "count" },
  { key: "aiAgents", label: "AI agents", unit: "count" },
  { key: "apiCallsPerMonth", label: "API calls / month", unit: "count" },
  { key: "storageBytes", label: "Storage", unit: "bytes" },
];

// Record<Feature, …> so a new feature in lib/tenancy/tiers.ts fails the type check until it is named here.
const FEATURE_LABELS: Record<Feature, string> = {
  basic: "Core features",
  ai: "AI features",
  advanced: "Advanced features",
  full_suite: "Full feature suite",
  custom_branding: "Custom branding (white label)",
};
const FEATURES = Object.keys(FEATURE_LABELS) as Feature[];

const PLANS: TierDefinition[] = TIERS.map((tier) => TIER_DEFINITIONS[tier]);

/** "$99 / month", and the yearly price (ten months) underneath; prices come from lib/billing/catalog.ts. */
function Price({ plan }: { plan: TierDefinition }) {
  if (!isPaidTier(plan.tier)) {
    return <span className="text-sm font-normal text-muted-foreground">$0, for good</span>;
  }
  const monthly = formatMoney(priceOf(plan.tier, "MONTH", "usd"), "usd").replace(/\.00$/, "");
  const yearly = formatMoney(priceOf(plan.tier, "YEAR", "usd"), "usd").replace(/\.00$/, "");
  return (
    <span className="grid gap-0.5 font-normal">
      <span className="text-sm text-foreground tabular-nums">{monthly} / month</span>
      <span className="text-xs text-muted-foreground tabular-nums">or {yearly} / year</span>
    </span>
  );
}
const TRIAL_LABEL = TIER_DEFINITIONS[DEFAULT_TRIAL_TIER].label;

function Included({ included }: { included: boolean }) {
  return included ? (
    <>
      <Check className="size-4 text-success" aria-hidden />
      <span className="sr-only">Included</span>
    </>
  ) : (
    <>
      <Minus className="size-4 text-muted-foreground" aria-hidden />
      <span className="sr-only">Not included</span>
    </>
  );
}

function TrialCta({ className }: { className?: string }) {
  return (
    <Button asChild size="lg" className={className}>
      <Link href="/sign-up">
        Start {TRIAL_DAYS}-day trial
        <ArrowRight aria-hidden />
      </Link>
    </Button>
  );
}

export function PricingPage() {
  return (
    <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6 sm:py-20">
      <div className="grid max-w-3xl gap-4">
        <h1 className="text-4xl font-semibold tracking-tight">Pricing</h1>
        <p className="text-lg text-pretty text-muted-foreground">
          Five plans with clear limits. Every new workspace starts with a {TRIAL_DAYS}-day trial of {TRIAL_LABEL}; when
          the trial ends, the workspace continues on the plan you have chosen, or on {TIER_DEFINITIONS.FREE.label} if
          you haven&apos;t chosen one.
        </p>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <TrialCta />
          <p className="text-sm text-muted-foreground">Paid plans are billed through Stripe or PayPal.</p>
        </div>
      </div>

      {/* Wide screens: one comparison table. */}
      <div className="mt-14 hidden rounded-xl border bg-card md:block">
        <Table scrollLabel="Plan comparison" className="table-fixed">
          <TableCaption className="mt-0 border-t px-4 py-3 text-left">
            Limits and features by plan. Limits apply per workspace.
          </TableCaption>
          <TableHeader>
            <TableRow className="hover:bg-transparent">
              <TableHead className="w-44">
                <span className="sr-only">Limit or feature</span>
              </TableHead>
              {PLANS.map((plan) => (
                <TableHead
                  key={plan.tier}
                  className={cn("h-auto py-4 align-bottom", plan.tier === DEFAULT_TRIAL_TIER && "bg-primary/5")}
                >
                  <span className="grid gap-1.5">
                    {plan.tier === DEFAULT_TRIAL_TIER && (
                      <Badge variant="info" className="font-normal">
                        Trial plan
                      </Badge>
                    )}
                    <span className="text-base font-semibold">{plan.label}</span>
                    <Price plan={plan} />
                  </span>
                </TableHead>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {LIMIT_ROWS.map((row) => (
              <TableRow key={row.key} className="hover:bg-transparent">
                <TableHead scope="row" className="font-medium whitespace-normal">
                  {row.label}
                </TableHead>
                {PLANS.map((plan) => (
                  <TableCell
                    key={plan.tier}
                    className={cn("tabular-nums", plan.tier === DEFAULT_TRIAL_TIER && "bg-primary/5")}
                  >
                    {formatLimit(plan.limits[row.key], row.unit)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
            {FEATURES.map((feature) => (
              <TableRow key={feature} className="hover:bg-transparent">
                <TableHead scope="row" className="font-medium whitespace-normal">
                  {FEATURE_LABELS[feature]}
                </TableHead>
                {PLANS.map((plan) => (
                  <TableCell key={plan.tier} className={cn(plan.tier === DEFAULT_TRIAL_TIER && "bg-primary/5")}>
                    <Included included={plan.features.includes(feature)} />
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>

      {/* Small screens: one card per plan. */}
      <ul className="mt-12 grid gap-4 md:hidden">
        {PLANS.map((plan) => (
          <li key={plan.tier}>
            <Card className={cn(plan.tier === DEFAULT_TRIAL_TIER && "border-primary/50")}>
              <CardHeader>
                <div className="flex items-center justify-between gap-2">
                  <CardTitle className="text-lg">{plan.label}</CardTitle>
                  {plan.tier === DEFAULT_TRIAL_TIER && <Badge variant="info">Trial plan</Badge>}
                </div>
                <Price plan={plan} />
              </CardHeader>
              <CardContent className="grid gap-5">
                <dl className="grid grid-cols-2 gap-x-4 gap-y-3 text-sm">
                  {LIMIT_ROWS.map((row) => (
                    <div key={row.key} className="grid gap-0.5">
                      <dt className="text-muted-foreground">{row.label}</dt>
                      <dd className="font-medium tabular-nums">{formatLimit(plan.limits[row.key], row.unit)}</dd>
                    </div>
                  ))}
                </dl>
                <ul className="grid gap-2 text-sm" aria-label={`${plan.label} features`}>
                  {FEATURES.map((feature) => {
                    const included = plan.features.includes(feature);
                    return (
                      <li key={feature} className={cn("flex items-center gap-2", !included && "text-muted-foreground")}>
                        <Included included={included} />
                        {FEATURE_LABELS[feature]}
                      </li>
                    );
                  })}
                </ul>
              </CardContent>
            </Card>
          </li>
        ))}
      </ul>

      <section aria-labelledby="faq-title" className="mt-20 grid gap-8 lg:grid-cols-[1fr_2fr]">
        <h2 id="faq-title" className="text-2xl font-semibold tracking-tight">
          Questions
        </h2>
        <dl className="grid gap-6">
          <div className="grid gap-1.5">
            <dt className="font-medium">What happens when the trial ends?</dt>
            <dd className="text-muted-foreground">
              The trial gives your workspace the {TRIAL_LABEL} limits for {TRIAL_DAYS} days. Afterwards the limits of
              your paid plan apply, or the {TIER_DEFINITIONS.FREE.label} plan&apos;s if you haven&apos;t subscribed.
            </dd>
          </div>
          <div className="grid gap-1.5">
            <dt className="font-medium">Can I change plans later?</dt>
            <dd className="text-muted-foreground">
              Yes. The workspace&apos;s billing page lets you change plan, update the payment method, download invoices,
              and cancel or resume the subscription.
            </dd>
          </div>
          <div className="grid gap-1.5">
            <dt className="font-medium">How do I pay?</dt>
            <dd className="text-muted-foreground">Through Stripe (cards) or PayPal.</dd>
          </div>
        </dl>
      </section>

      <div className="mt-16 flex flex-col items-start gap-4 rounded-xl border bg-muted/40 p-6 sm:flex-row sm:items-center sm:justify-between">
        <p className="font-medium">
          Try every {TRIAL_LABEL} feature for {TRIAL_DAYS} days.
        </p>
        <TrialCta />
      </div>
    </div>
  );
}
