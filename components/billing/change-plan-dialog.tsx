"use client";
// "Change plan": the button, and the dialog with the plan form (./change-plan-form.tsx), both
// loaded on the first click (prefetched on pointer-over or focus).
import { ArrowLeftRight } from "lucide-react";

import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import type { BoundAction } from "@/components/workspace/action-types";
import type { Currency, PaidTier } from "@/lib/billing/catalog";
import type { PlanChangePreview } from "@/lib/billing/provider";
import type { BillingInterval } from "@/lib/db/generated/enums";

import type { RedirectData } from "./action-types";

const loadForm = () => import("./change-plan-form").then((m) => m.ChangePlanForm);

/** "Change plan": pick a plan and interval, see the prorated charge (or credit) now, confirm. */
export function ChangePlanDialog({
  current,
  currency,
  previewAction,
  changeAction,
}: {
  current: { tier: PaidTier; interval: BillingInterval };
  currency: Currency;
  previewAction: BoundAction<PlanChangePreview>;
  changeAction: BoundAction<RedirectData>;
}) {
  return (
    <FormDialog
      trigger={
        <Button variant="outline">
          <ArrowLeftRight aria-hidden />
          Change plan
        </Button>
      }
      load={loadForm}
      className="sm:max-w-4xl"
    >
      {(ChangePlanForm, { session, close }) => (
        <ChangePlanForm
          key={session}
          current={current}
          currency={currency}
          previewAction={previewAction}
          changeAction={changeAction}
          onDone={close}
        />
      )}
    </FormDialog>
  );
}
