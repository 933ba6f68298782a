import type { NextConfig } from "next";

import { PAGE_ALIASES } from "./lib/page-aliases";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  typedRoutes: false,
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@electric-sql/pglite-pgvector",
    "pglite-prisma-adapter",
    "ioredis",
    "ioredis-mock",
    "pg",
  ],
  experimental: {
    authInterrupts: true,
    // proxy.ts runs on API paths holding a percent sign (malformed encodings), so Next buffers those
    // bodies for it; keep that buffer just over the API's own limit (BODY_LIMITS.apiJson, 1 MiB), which the
    // route still enforces with a 413 (Next's default would hold up to 10 MB per request).
    proxyClientMaxBodySize: 1024 * 1024 + 1,
  },
  // Pages Router pages served at another address (lib/page-aliases.ts): /api/docs is
  // pages/api-docs.tsx. The rewrite runs before the filesystem, so app/api/[[...path]] (the JSON
  // 404) does not take it; the page's own path redirects to its address (one URL per page).
  async rewrites() {
    return {
      beforeFiles: Object.entries(PAGE_ALIASES).map(([page, url]) => ({ source: url, destination: page })),
      afterFiles: [],
      fallback: [],
    };
  },
  async redirects() {
    return Object.entries(PAGE_ALIASES).map(([page, url]) => ({ source: page, destination: url, permanent: true }));
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
