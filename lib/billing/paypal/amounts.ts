// PayPal writes money as decimal strings ("29.00", "-0.50", "1500" for JPY); Tessera keeps integer
// minor units. The conversion works on the digits, never through floating point, and refuses a
// value it could not represent exactly.
import { minorUnitFactor } from "../../format";

function decimalsOf(currency: string): number {
  return String(minorUnitFactor(currency)).length - 1;
}

/** "29.00" usd → 2900; "1500" jpy → 1500. Throws on malformed or inexact values. */
export function toMinorUnits(value: string, currency: string): number {
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) throw new Error(`Not a PayPal amount: "${value}"`);
  const [, sign, whole, fraction = ""] = match;
  const decimals = decimalsOf(currency);
  // Extra digits are allowed only when they are zeros ("29.000" is 29.00; "29.005" is not money).
  if (/[^0]/.test(fraction.slice(decimals))) {
    throw new Error(`"${value}" has more precision than ${currency.toUpperCase()} allows`);
  }
  const digits = `${whole}${fraction.slice(0, decimals).padEnd(decimals, "0")}`.replace(/^0+(?=\d)/, "");
  const minor = Number(digits);
  if (!Number.isSafeInteger(minor)) throw new Error(`"${value}" is too large`);
  return sign && minor !== 0 ? -minor : minor;
}

/** 2900 usd → "29.00"; 1500 jpy → "1500". */
export function toPaypalValue(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new Error(`Not an amount in minor units: ${minor}`);
  const decimals = decimalsOf(currency);
  const digits = String(Math.abs(minor)).padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals);
  const text = decimals ? `${whole}.${digits.slice(-decimals)}` : whole;
  return minor < 0 ? `-${text}` : text;
}

/** PayPal's { currency_code, value } → Tessera's { currency, amount }. */
export function fromPaypalMoney(money: { currency_code: string; value: string }): { currency: string; amount: number } {
  const currency = money.currency_code.toLowerCase();
  return { currency, amount: toMinorUnits(money.value, currency) };
}

/** Tessera's amount → PayPal's { currency_code, value }. */
export function toPaypalMoney(amount: number, currency: string): { currency_code: string; value: string } {
  return { currency_code: currency.toUpperCase(), value: toPaypalValue(amount, currency) };
}
