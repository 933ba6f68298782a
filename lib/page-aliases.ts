// Pages Router pages served at another address (next.config.ts rewrites to them, and redirects
// their own path to that address, so each has one URL). pages/api/ is the Pages Router's folder of
// API routes, so the API reference, served at /api/docs, is the page pages/api-docs.tsx. The
// metrics' route labels and the page-weight table name these pages by the address they serve.
// No imports: next.config.ts loads this file.

/** Page route (pages/…) → the address it is served at. */
export const PAGE_ALIASES: Readonly<Record<string, string>> = { "/api-docs": "/api/docs" };

/** The address a Pages Router route is served at. */
export function servedAt(route: string): string {
  return PAGE_ALIASES[route] ?? route;
}
