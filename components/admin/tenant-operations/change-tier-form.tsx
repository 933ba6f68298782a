"use client";
// The operator's "Paid tier" form for one tenant (changeTierAction): a change here charges nothing.
import * as React from "react";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { Tier } from "@/lib/db/generated/enums";
import { TIER_DEFINITIONS } from "@/lib/tenancy/tiers";
import { changeTierAction } from "@/app/admin/actions";
import { useAction } from "@/components/actions/use-action";

import { TierSelect } from "../tier-select";
import { TenantIdField, type OperableTenant } from "./tenant";

export function ChangeTierForm({ tenant }: { tenant: OperableTenant }) {
  const form = useAction(changeTierAction);
  const [tier, setTier] = React.useState<Tier>(tenant.tier);
  // The tier changed elsewhere (after this form saved, the page re-renders with it).
  const [known, setKnown] = React.useState(tenant.tier);
  if (known !== tenant.tier) {
    setKnown(tenant.tier);
    setTier(tenant.tier);
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h3">Paid tier</CardTitle>
        <CardDescription>
          The tier the tenant pays for, currently {TIER_DEFINITIONS[tenant.tier].label}. Billing normally sets it; a
          change here charges nothing.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form action={form.formAction} className="grid gap-4" noValidate>
          <TenantIdField id={tenant.id} />
          <Field label="Tier" name="tier" id="change-tier" error={form.fieldError("tier")}>
            {(field) => <TierSelect field={field} value={tier} onValueChange={setTier} current={tenant.tier} />}
          </Field>
          <FormMessage>{form.formError}</FormMessage>
          <SubmitButton className="justify-self-start" disabled={tier === tenant.tier} pendingLabel="Changing…">
            Change tier
          </SubmitButton>
        </form>
      </CardContent>
    </Card>
  );
}
