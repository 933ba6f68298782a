// Settings for tests: a test states only the settings it changes. In a `vi.mock("@/lib/env")`
// factory (hoisted above the imports, so the helper is imported inside it):
//
//   const settings = vi.hoisted(() => ({ env: undefined as unknown as Env }));
//   vi.mock("@/lib/env", async (importOriginal) =>
//     (await import("../helpers/settings")).withSettings(importOriginal, settings, { STRIPE_SECRET_KEY: undefined }),
//   );
//
// The module keeps every other export of lib/env; `settings.env` is the very object the code
// reads, so a test may change a setting later (`settings.env.X = …`) and restore it.
import type * as EnvModule from "@/lib/env";

type Env = EnvModule.Env;

/** No Stripe and no PayPal, whatever the machine's environment says: the local provider path. */
export const NO_PAYMENT_PROVIDERS = {
  STRIPE_SECRET_KEY: undefined,
  PAYPAL_CLIENT_ID: undefined,
  PAYPAL_CLIENT_SECRET: undefined,
} as const satisfies Partial<Env>;

export interface SettingsOptions {
  /** Redis keys under a prefix of this test file's own (per process and run), so runs never collide. */
  keyPrefix?: string;
}

export async function withSettings(
  importOriginal: () => Promise<unknown>,
  holder: { env: Env } | null,
  changes: Partial<Env>,
  options: SettingsOptions = {},
): Promise<typeof EnvModule> {
  const actual = (await importOriginal()) as typeof EnvModule;
  const env: Env = { ...actual.env, ...changes };
  if (options.keyPrefix) {
    env.REDIS_KEY_PREFIX = `${actual.env.REDIS_KEY_PREFIX}tessera-test-${options.keyPrefix}-${process.pid}-${Date.now().toString(36)}:`;
  }
  if (holder) holder.env = env;
  return { ...actual, env };
}
