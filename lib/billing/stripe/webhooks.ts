// Stripe's allow-list: event type → handler (one file per event family in this folder).
import type { HandlerRegistry } from "../webhooks/types";

export const STRIPE_HANDLERS: HandlerRegistry = {};
