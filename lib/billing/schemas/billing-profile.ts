// The input of the workspace's billing profile (lib/billing/account.ts): invoice email, name and
// address (all or nothing), the currency, and the countries the address may name.
import { z } from "zod";

import { CURRENCIES } from "../catalog";

// Region codes Intl knows that are not countries one bills to (ISO 3166-1 plus Kosovo remain).
const NOT_COUNTRIES = new Set(["AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "ZZ"]);
let countries: { code: string; name: string }[] | undefined;

/** ISO 3166-1 alpha-2 countries with English names, sorted by name. */
export function countryOptions(): { code: string; name: string }[] {
  if (countries) return countries;
  const names = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
  const out: { code: string; name: string }[] = [];
  for (let a = 65; a <= 90; a += 1) {
    for (let b = 65; b <= 90; b += 1) {
      const code = String.fromCharCode(a, b);
      const name = names.of(code);
      // Aliases (UK → GB, YU → RS) canonicalise to another code: skip them.
      if (!name || NOT_COUNTRIES.has(code) || Intl.getCanonicalLocales(`und-${code}`)[0] !== `und-${code}`) continue;
      out.push({ code, name });
    }
  }
  countries = out.sort((x, y) => x.name.localeCompare(y.name, "en"));
  return countries;
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .optional()
    .transform((value) => value || null);

export const billingProfileSchema = z
  .object({
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(254, "Use at most 254 characters.")
      .optional()
      .transform((value) => value || null)
      .pipe(z.email("Enter a valid email address.").nullable()),
    name: optionalText(120),
    line1: optionalText(200),
    line2: optionalText(200),
    city: optionalText(100),
    postalCode: optionalText(20),
    state: optionalText(100),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .optional()
      .transform((value) => value || null)
      .refine((value) => value === null || countryOptions().some((c) => c.code === value), "Choose a country."),
    currency: z.enum(CURRENCIES, { message: "Choose a currency." }),
  })
  .superRefine(
    (data, ctx) => {
      // An address is all or nothing: a partial one cannot be printed on an invoice.
      const any = [data.line1, data.line2, data.city, data.postalCode, data.state, data.country].some(Boolean);
      if (!any) return;
      for (const [field, message] of [
        ["line1", "Enter the street address."],
        ["city", "Enter the city."],
        ["country", "Choose a country."],
      ] as const) {
        if (!data[field]) ctx.addIssue({ code: "custom", path: [field], message });
      }
      // Checked even when other fields failed, so every field error shows at once.
    },
    { when: (payload) => typeof payload.value === "object" && payload.value !== null },
  );

/** Raw form input: every field optional and unchecked until the schema has parsed it. */
export type BillingProfileInput = { [K in keyof z.input<typeof billingProfileSchema>]?: unknown };
