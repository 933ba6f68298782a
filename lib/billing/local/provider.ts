// Placeholder: the local implementation of SubscriptionProvider is being written.
import type { SubscriptionProvider } from "../provider";

const pending = () => Promise.reject(new Error("not implemented yet"));

export const localProvider: SubscriptionProvider = {
  id: "LOCAL",
  startCheckout: pending,
  previewPlanChange: pending,
  changePlan: pending,
  cancelAtPeriodEnd: pending,
  resume: pending,
  cancelNow: pending,
  paymentMethodUrl: pending,
};
