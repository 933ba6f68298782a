import { redirect } from "next/navigation";

import { DEFAULT_AFTER_SIGN_IN, safeCallbackUrl } from "@/lib/auth/callback-url";
import { getCurrentUser } from "@/lib/http/session";

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * The sign-in and sign-up pages' common query: ?callbackUrl (kept only when it is a safe relative
 * path) and ?email. A visitor who is already signed in goes straight on to the callback.
 */
export async function readAuthSearchParams(searchParams: SearchParams) {
  const params = await searchParams;
  const rawCallback = first(params.callbackUrl);
  const callbackUrl = rawCallback ? safeCallbackUrl(rawCallback, "") || null : null;
  if (await getCurrentUser()) redirect(callbackUrl ?? DEFAULT_AFTER_SIGN_IN);
  const email = first(params.email)?.slice(0, 320) ?? "";
  return { params, callbackUrl, email };
}
