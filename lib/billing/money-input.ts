// Amounts people type (the one-off invoice and payout forms, the acquisition spend form): major
// units as text → exact minor units, with string arithmetic and never floats, and the largest amount
// one invoice line or payout may carry.
import { minorUnitFactor } from "../format";

/** Largest amount one line's unit price or a payout may carry, in minor units ($1,000,000.00). */
export const MAX_MINOR_AMOUNT = 100_000_000;

/**
 * "1,234.5" → 123450 for a two-decimal currency, exactly (string arithmetic, never floats); null
 * when the text is not an amount ≥ 0 with at most the currency's decimals.
 */
export function parseAmount(value: string, currency: string): number | null {
  const text = value.trim().replace(/,/g, "");
  const decimals = minorUnitFactor(currency) === 1 ? 0 : 2;
  const match = /^(\d{1,10})(?:\.(\d*))?$/.exec(text);
  if (!match) return null;
  const fraction = match[2] ?? "";
  if (fraction.length > decimals) return null;
  const minor = Number(match[1]) * 10 ** decimals + Number(fraction.padEnd(decimals, "0") || "0");
  return Number.isSafeInteger(minor) ? minor : null;
}

/** parseAmount for a price or a payment: null unless more than zero. */
export function parseMajorUnits(value: string, currency: string): number | null {
  const minor = parseAmount(value, currency);
  return minor !== null && minor > 0 ? minor : null;
}
