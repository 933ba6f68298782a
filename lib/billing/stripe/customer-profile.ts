// Pushes the workspace's billing profile (email, name, address) to its Stripe customer, so Stripe's
// invoices and receipts carry what the portal shows. The customer.updated webhook that follows
// brings the same values back into the ledger.
import "server-only";

import type Stripe from "stripe";

import type { Address } from "../events";
import { stripe } from "./client";

export interface CustomerProfile {
  email: string | null;
  name: string | null;
  address: Address | null;
}

function addressParam(address: Address | null): Stripe.CustomerUpdateParams["address"] {
  // "" unsets a field at Stripe; null values would be rejected.
  if (!address) return "";
  return {
    line1: address.line1 ?? "",
    line2: address.line2 ?? "",
    city: address.city ?? "",
    postal_code: address.postalCode ?? "",
    state: address.state ?? "",
    country: address.country ?? "",
  };
}

export async function pushCustomerProfile(
  customerId: string,
  profile: CustomerProfile,
  idempotencyKey: string,
): Promise<void> {
  await stripe().customers.update(
    customerId,
    { email: profile.email ?? "", name: profile.name ?? "", address: addressParam(profile.address) },
    { idempotencyKey },
  );
}
