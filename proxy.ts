// Custom domains: when the Host is a tenant's verified custom domain and its tier allows branding
// now, serve that tenant's workspace at the root: `/` → `/t/<slug>`, `/members` →
// `/t/<slug>/members`. Auth, invitation, account and framework paths are left alone
// (lib/tenancy/domain-routing.ts). Unverified claims are never looked up (lib/tenancy/domains.ts).
// Proxy runs on the Node.js runtime by default in Next 16, so the Prisma client works here;
// lookups (hits and misses) are cached in memory for 60 s per instance, the tier is re-checked
// on every request.
//
// Authorisation does not happen here: the rewritten page still runs requireTenantPage().
//
// Before routing (lib/api/paths.ts): a path that is not valid percent-encoded UTF-8 answers 400
// (JSON under /api/) instead of Next's plain-text 500.
//
// /api/v1 is outside the matcher (except paths holding a percent sign): running the proxy cost
// about 0.8 ms of CPU per API call (bench:api profile). Its routes answer what they do not serve
// themselves — each route file exports the JSON 405 stubs of lib/http/methods.ts for the other
// methods (tests/integration/api-v1-methods.test.ts holds every file to it), and an unknown path
// reaches app/api/[[...path]], the JSON 404.
import { NextResponse, type NextRequest } from "next/server";

import { hasMalformedEncoding } from "./lib/api/paths";
import { env } from "./lib/env";
import { logger } from "./lib/observability/logger";
import { createDomainCache, customDomainRewrite, isAppHost, normalizeHost } from "./lib/tenancy/domain-routing";
import { findTenantByVerifiedDomain } from "./lib/tenancy/domains";

const APP_HOSTS = [new URL(env.APP_URL).hostname.toLowerCase()];

const globalForProxy = globalThis as unknown as { __tesseraDomainCache?: ReturnType<typeof createDomainCache> };
const domains = (globalForProxy.__tesseraDomainCache ??= createDomainCache(findTenantByVerifiedDomain, {
  ttlMs: 60_000,
}));

function apiError(status: number, code: string, message: string) {
  return NextResponse.json(
    { error: { code, message } },
    { status, headers: { "x-request-id": crypto.randomUUID(), "cache-control": "no-store" } },
  );
}

/** The answer for a path Next.js would mishandle, or null to carry on. */
function refusePath(request: NextRequest): Response | null {
  const { pathname } = request.nextUrl;
  const isApi = pathname === "/api" || pathname.startsWith("/api/");
  if (hasMalformedEncoding(pathname)) {
    const message = "The URL path is not valid percent-encoded UTF-8.";
    return isApi
      ? apiError(400, "bad_request", message)
      : new NextResponse(message, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  return null;
}

export async function proxy(request: NextRequest) {
  const refused = refusePath(request);
  if (refused) return refused;
  if (request.nextUrl.pathname.startsWith("/api/")) return NextResponse.next();

  const host = normalizeHost(request.headers.get("x-forwarded-host") ?? request.headers.get("host"));
  if (!host || isAppHost(host, APP_HOSTS)) return NextResponse.next();

  const { pathname } = request.nextUrl;
  let target;
  try {
    target = await domains.resolve(host);
  } catch (error) {
    logger.error("custom domain lookup failed", { host, error });
    return NextResponse.next();
  }
  if (!target) return NextResponse.next();

  const rewritten = customDomainRewrite(pathname, target.slug);
  if (!rewritten) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = rewritten;
  return NextResponse.rewrite(url);
}

export const config = {
  matcher: [
    // Everything except API routes, Next internals, and files with an extension (public assets).
    "/((?!api/|_next/static|_next/image|favicon.ico|robots.txt|sitemap.xml|.*\\.[a-zA-Z0-9]+$).*)",
    // An API path (the public API's included) only when it holds a percent sign, for the malformed
    // encodings: API calls and webhook bodies never pay for the proxy otherwise.
    "/api/:path((?:.*)%(?:.*))",
  ],
};
