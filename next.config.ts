import type { NextConfig } from "next";

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
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
