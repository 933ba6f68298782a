// What the billing portal's server actions answer with (app/t/[slug]/billing/actions.ts).
import type { BoundAction } from "@/components/workspace/action-types";
import type { PlanChangePreview } from "@/lib/billing/provider";

/** Where to send the browser next (a provider's page, the local checkout), or null to stay. */
export interface RedirectData {
  redirectUrl: string | null;
}

export interface CheckoutData extends RedirectData {
  /** The simulated card was declined: the reason, shown on the checkout page. */
  declined: string | null;
}

export interface BillingActions {
  startCheckout: BoundAction<RedirectData>;
  previewPlanChange: BoundAction<PlanChangePreview>;
  changePlan: BoundAction<RedirectData>;
  cancel: BoundAction;
  resume: BoundAction;
  paymentMethod: BoundAction<RedirectData>;
  updateProfile: BoundAction;
}
