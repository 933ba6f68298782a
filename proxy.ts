// Custom domains: when the Host is a tenant's verified custom domain and its tier allows branding
// now, serve that tenant's workspace at the root: `/` → `/t/<slug>`, `/members` →
// `/t/<slug>/members`. Auth, invitation, account and framework paths are left alone
// (lib/tenancy/domain-routing.ts). Unverified claims are never looked up (lib/tenancy/domains.ts).
// Proxy runs on the Node.js runtime by default in Next 16, so the Prisma client works here;
// lookups (hits and misses) are cached in memory for 60 s per instance, the tier is re-checked
// on every request.
//
// Authorisation does not happen here: the rewritten page still runs requireTenantPage().
import { NextResponse, type NextRequest } from "next/server";

import { env } from "./lib/env";
import { logger } from "./lib/observability/logger";
import { createDomainCache, customDomainRewrite, isAppHost, normalizeHost } from "./lib/tenancy/domain-routing";
import { findTenantByVerifiedDomain } from "./lib/tenancy/domains";

const APP_HOSTS = [new URL(env.APP_URL).hostname.toLowerCase()];

const globalForProxy = globalThis as unknown as { __tesseraDomainCache?: ReturnType<typeof createDomainCache> };
const domains = (globalForProxy.__tesseraDomainCache ??= createDomainCache(findTenantByVerifiedDomain, {
  ttlMs: 60_000,
}));

export async function proxy(request: NextRequest) {
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
  ],
};
