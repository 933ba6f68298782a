// Where to send someone after signing in, up or out. The answer is always a path on the app's own
// origin ("/t/acme?tab=keys"): the value is resolved against APP_URL's origin (so dot segments,
// encoded or not, are normalised the way a browser would), must stay on that origin, and the
// normalised path must not begin with "//" or "/\", which a browser would read as another host
// (protocol-relative). Anything else falls back to the default, so no link can bounce a user
// off-site (open redirect).
import { env } from "../env";

export const DEFAULT_AFTER_SIGN_IN = "/dashboard";
export const DEFAULT_AFTER_SIGN_UP = "/new";

const MAX_LENGTH = 2000;

/** A path a browser resolves against the current origin, never against another host. */
function isOriginRelativePath(path: string): boolean {
  return path.startsWith("/") && path[1] !== "/" && path[1] !== "\\";
}

export function safeCallbackUrl(value: unknown, fallback: string = DEFAULT_AFTER_SIGN_IN): string {
  if (typeof value !== "string") return fallback;
  const candidate = value.trim();
  if (candidate === "" || candidate.length > MAX_LENGTH) return fallback;
  // Browsers treat "\" as "/" and drop tabs/newlines inside URLs: refuse both outright.
  if (/[\\\u0000-\u001f\u007f]/.test(candidate)) return fallback;
  const origin = new URL(env.APP_URL).origin;
  // A path ("/…", not "//…"), or an absolute URL that names the app's origin exactly.
  const absolute = /^https?:\/\//i.test(candidate);
  if (!absolute && !isOriginRelativePath(candidate)) return fallback;
  let url: URL;
  try {
    url = new URL(candidate, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== origin || url.username || url.password) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.com", "/..//evil.com" and "/%2e%2e//evil.com" all normalise to "//evil.com".
  return isOriginRelativePath(path) ? path : fallback;
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
