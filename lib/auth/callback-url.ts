// Where to send someone after signing in, up or out. Only same-origin relative paths are
// accepted ("/t/acme?tab=keys"); absolute URLs, protocol-relative ("//evil.test") and
// backslash tricks ("/\evil.test") fall back to the default, so no link can bounce a user
// off-site (open redirect).
const BASE = "http://tessera.invalid";

export const DEFAULT_AFTER_SIGN_IN = "/dashboard";
export const DEFAULT_AFTER_SIGN_UP = "/new";

export function safeCallbackUrl(value: unknown, fallback: string = DEFAULT_AFTER_SIGN_IN): string {
  if (typeof value !== "string") return fallback;
  const candidate = value.trim();
  if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.length > 2000) return fallback;
  // Browsers treat "\" as "/" and drop tabs/newlines inside URLs: refuse both outright.
  if (/[\\\u0000-\u001f\u007f]/.test(candidate)) return fallback;
  let url: URL;
  try {
    url = new URL(candidate, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** `/sign-in?callbackUrl=…&email=…` (parameters left out when empty or unsafe). */
export function authPageUrl(
  page: "/sign-in" | "/sign-up",
  params: { callbackUrl?: string | null; email?: string | null } = {},
): string {
  const search = new URLSearchParams();
  const callbackUrl = params.callbackUrl ? safeCallbackUrl(params.callbackUrl, "") : "";
  if (callbackUrl) search.set("callbackUrl", callbackUrl);
  if (params.email) search.set("email", params.email);
  const query = search.toString();
  return query ? `${page}?${query}` : page;
}
