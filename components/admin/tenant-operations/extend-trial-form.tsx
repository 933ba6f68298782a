"use client";
// The operator's "Trial" form for one tenant (extendTrialAction): extends a running trial or starts
// a new one from today, and says which of the two it will do.
import * as React from "react";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, FormMessage } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import type { Tier } from "@/lib/db/generated/enums";
import { formatDate } from "@/lib/format";
import { TIER_DEFINITIONS, TIERS } from "@/lib/tenancy/tiers";
import { extendTrialAction } from "@/app/admin/actions";
import { useAction } from "@/components/actions/use-action";

import { TierSelect } from "../tier-select";
import { TenantIdField, type OperableTenant } from "./tenant";

const TRIAL_TIERS = TIERS.filter((tier) => tier !== "FREE");

export function ExtendTrialForm({ tenant }: { tenant: OperableTenant }) {
  const form = useAction(extendTrialAction);
  const [tier, setTier] = React.useState<Tier>(
    tenant.trialTier && tenant.trialTier !== "FREE" ? tenant.trialTier : "PROFESSIONAL",
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h3">Trial</CardTitle>
        <CardDescription>
          {tenant.trialing && tenant.trialEndsAt
            ? `A ${TIER_DEFINITIONS[tenant.trialTier ?? "PROFESSIONAL"].label} trial runs until ${formatDate(tenant.trialEndsAt)}; the days are added to that date.`
            : tenant.subscriptionTrialEndsAt
              ? `The workspace subscribed during its trial: the subscription's trial runs until ${formatDate(tenant.subscriptionTrialEndsAt)}. A trial started here lifts the tier from today.`
              : tenant.trialEndsAt
                ? `The last trial ended on ${formatDate(tenant.trialEndsAt)}; a new one starts today.`
                : "No trial so far; a new one starts today."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form action={form.formAction} className="grid gap-4" noValidate>
          <TenantIdField id={tenant.id} />
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              label="Days"
              name="days"
              id="trial-days"
              required
              error={form.fieldError("days")}
              description="1 to 90 days."
            >
              {(props) => (
                <Input
                  {...props}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={90}
                  step={1}
                  defaultValue={form.value("days", "14")}
                />
              )}
            </Field>
            <Field label="Trial tier" name="tier" id="trial-tier" error={form.fieldError("tier")}>
              {(field) => <TierSelect field={field} value={tier} onValueChange={setTier} tiers={TRIAL_TIERS} />}
            </Field>
          </div>
          <FormMessage>{form.formError}</FormMessage>
          <SubmitButton className="justify-self-start" pendingLabel="Saving…">
            {tenant.trialing ? "Extend trial" : "Start trial"}
          </SubmitButton>
        </form>
      </CardContent>
    </Card>
  );
}
