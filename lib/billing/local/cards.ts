// Test cards for the local provider's simulated checkout, after Stripe's: any Luhn-valid number
// with a future expiry is accepted; a number ending 0002 (4000 0000 0000 0002) is declined, at
// checkout and at every later charge of the card on file.
import { z } from "zod";

import type { PaymentMethodSummary } from "../events";

export const SUCCESS_CARD = "4242 4242 4242 4242";
export const DECLINE_CARD = "4000 0000 0000 0002";
export const DECLINE_MESSAGE = "Your card was declined.";

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function brandOf(digits: string): string {
  if (digits.startsWith("4")) return "visa";
  if (/^(5[1-5]|2[2-7])/.test(digits)) return "mastercard";
  if (/^3[47]/.test(digits)) return "amex";
  if (/^6(011|5)/.test(digits)) return "discover";
  return "card";
}

/** The card form: number, expiry (MM/YY), CVC and the cardholder's name. */
export function cardSchema(now = new Date()) {
  return z.object({
    cardNumber: z
      .string()
      .transform((value) => value.replace(/[\s-]/g, ""))
      .pipe(
        z
          .string()
          .regex(/^\d{12,19}$/, "Enter the card number (12 to 19 digits).")
          .refine(luhnValid, "This card number is not valid."),
      ),
    expiry: z
      .string()
      .trim()
      .regex(/^(0[1-9]|1[0-2])\s*\/\s*(\d{2})$/, "Use MM/YY, e.g. 12/34.")
      .refine((value) => {
        const [month = NaN, year = NaN] = value.split("/").map((part) => Number(part.trim()));
        // Valid through the last day of the expiry month.
        return Date.UTC(2000 + year, month, 1) > now.getTime();
      }, "This card has expired."),
    cvc: z
      .string()
      .trim()
      .regex(/^\d{3,4}$/, "Enter the 3 or 4 digit security code."),
    cardholder: z.string().trim().max(120, "Use at most 120 characters.").optional().default(""),
  });
}

export type CardInput = z.input<ReturnType<typeof cardSchema>>;
export type Card = z.output<ReturnType<typeof cardSchema>>;

export function cardSummary(card: Card): PaymentMethodSummary {
  const [month = NaN, year = NaN] = card.expiry.split("/").map((part) => Number(part.trim()));
  return { brand: brandOf(card.cardNumber), last4: card.cardNumber.slice(-4), expMonth: month, expYear: 2000 + year };
}

/** Whether charging this card succeeds; a missing card fails like a declined one. */
export function chargeOutcome(card: PaymentMethodSummary | null): { ok: true } | { ok: false; message: string } {
  if (!card?.last4) return { ok: false, message: "No payment method on file." };
  if (card.last4 === "0002") return { ok: false, message: DECLINE_MESSAGE };
  return { ok: true };
}

/** Reads a stored payment method summary (JSON column) back, or null. */
export function readPaymentMethod(value: unknown): PaymentMethodSummary | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  if (typeof v.brand !== "string") return null;
  return {
    brand: v.brand,
    last4: typeof v.last4 === "string" ? v.last4 : null,
    expMonth: typeof v.expMonth === "number" ? v.expMonth : null,
    expYear: typeof v.expYear === "number" ? v.expYear : null,
  };
}
