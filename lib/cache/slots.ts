// Redis Cluster hash tags: every per-tenant key carries the tenant in braces ({t:<id>}) so the keys
// one script or pipeline touches for a tenant share one slot on Redis Cluster and Upstash. The
// key names themselves are their domains' (lib/usage/keys.ts for the API platform's counters).

export const tenantTag = (tenantId: string) => `{t:${tenantId}}`;
