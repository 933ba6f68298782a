"use client";

import * as React from "react";

import { cn } from "@/components/ui/cn";
import { PAID_TIERS, priceOf, type Currency, type PaidTier } from "@/lib/billing/catalog";
import type { BillingInterval } from "@/lib/db/generated/enums";
import { formatMoney } from "@/lib/format";
import { formatLimit, TIER_DEFINITIONS } from "@/lib/tenancy/tiers";

import { INTERVAL_LABELS } from "./billing-format";

/** "$29 / month" (whole amounts without cents). */
function priceText(tier: PaidTier, interval: BillingInterval, currency: Currency): string {
  return `${formatMoney(priceOf(tier, interval, currency), currency).replace(/\.00$/, "")} / ${INTERVAL_LABELS[interval].unit}`;
}

/** Monthly / Yearly as a pair of radio buttons (keyboard: arrows move between them). */
export function IntervalChoice({
  value,
  onChange,
  disabled,
  name = "interval",
}: {
  value: BillingInterval;
  onChange: (value: BillingInterval) => void;
  disabled?: boolean;
  name?: string;
}) {
  return (
    <fieldset className="grid gap-2" disabled={disabled}>
      <legend className="mb-2 text-sm font-medium">Billing interval</legend>
      <div className="inline-flex w-fit rounded-lg bg-muted p-1">
        {(["MONTH", "YEAR"] as const).map((interval) => (
          <label
            key={interval}
            className={cn(
              "flex cursor-pointer items-center gap-2 rounded-md px-3 py-1.5 text-sm font-medium text-muted-foreground",
              "has-checked:bg-background has-checked:text-foreground has-checked:shadow-xs has-focus-visible:ring-2 has-focus-visible:ring-ring",
            )}
          >
            <input
              type="radio"
              name={name}
              value={interval}
              checked={value === interval}
              onChange={() => onChange(interval)}
              className="sr-only"
            />
            {INTERVAL_LABELS[interval].adjective}
            {interval === "YEAR" && <span className="text-xs font-normal">(2 months free)</span>}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The paid tiers as radio cards with their price and main limits. */
export function TierChoice({
  value,
  onChange,
  interval,
  currency,
  current,
  disabled,
  name = "tier",
}: {
  value: PaidTier | null;
  onChange: (tier: PaidTier) => void;
  interval: BillingInterval;
  currency: Currency;
  /** Marked "Current plan". */
  current?: { tier: PaidTier; interval: BillingInterval } | null;
  disabled?: boolean;
  name?: string;
}) {
  const ids = React.useId();
  return (
    <fieldset className="grid gap-2" disabled={disabled}>
      <legend className="mb-2 text-sm font-medium">Plan</legend>
      <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
        {PAID_TIERS.map((tier) => {
          const plan = TIER_DEFINITIONS[tier];
          const id = `${ids}-${tier}`;
          const isCurrent = current?.tier === tier && current.interval === interval;
          return (
            <label
              key={tier}
              htmlFor={id}
              data-testid={`plan-option-${tier}`}
              className={cn(
                "relative grid cursor-pointer content-start gap-2 rounded-lg border bg-card p-4 text-sm transition-colors",
                "hover:border-primary/60 has-checked:border-primary has-checked:ring-2 has-checked:ring-primary/30",
                "has-focus-visible:ring-2 has-focus-visible:ring-ring has-disabled:cursor-not-allowed has-disabled:opacity-70",
              )}
            >
              <span className="flex items-center gap-2">
                <input
                  id={id}
                  type="radio"
                  name={name}
                  value={tier}
                  checked={value === tier}
                  onChange={() => onChange(tier)}
                  aria-labelledby={`${id}-name`}
                  aria-describedby={`${id}-details`}
                  className="size-4 accent-primary"
                />
                <span id={`${id}-name`} className="font-semibold">
                  {plan.label}
                </span>
                {isCurrent && <span className="ml-auto text-xs text-muted-foreground">Current plan</span>}
              </span>
              <span id={`${id}-details`} className="grid gap-1">
                <span className="text-base font-medium tabular-nums">{priceText(tier, interval, currency)}</span>
                <span className="text-muted-foreground">
                  {formatLimit(plan.limits.users)} users · {formatLimit(plan.limits.apiCallsPerMonth)} API calls a month
                  · {formatLimit(plan.limits.storageBytes, "bytes")} storage · {plan.featureSummary}
                </span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
