"use server";
// The cache console's server actions: each signs the caller in as an operator (404 otherwise) and
// calls one lib/cache function. Scans and warm steps run many times per click (progress), so they
// do not re-render /admin; a real invalidation does (its audit entry appears).
import { invalidatePattern, scanKeyspace, type InvalidationResult, type ScanResult } from "@/lib/cache-console/console";
import { warmNamespace, type WarmResult } from "@/lib/cache-console/warmers";
import { operatorAction } from "@/lib/http/action";

export const scanKeyspaceAction = operatorAction<ScanResult>(
  "admin.cache.scan",
  async (operator, input) => ({
    data: await scanKeyspace(operator, {
      cursor: input.cursor,
      match: input.match || undefined,
      max_keys: 5_000,
      max_ms: 1_500,
    }),
  }),
  { revalidate: false },
);

export const warmStepAction = operatorAction<WarmResult>(
  "admin.cache.warm",
  async (operator, input) => {
    const result = await warmNamespace(
      operator,
      { namespace: input.namespace ?? "", cursor: input.cursor || undefined, page_size: 100 },
      { maxPages: 1 },
    );
    return { data: result, message: result.done ? `Warmed ${input.namespace}.` : undefined };
  },
  { revalidate: false },
);

export const dryRunInvalidationAction = operatorAction<InvalidationResult>(
  "admin.cache.dryRun",
  async (operator, input) => ({
    data: await invalidatePattern(operator, { pattern: input.pattern ?? "", dry_run: true }),
  }),
  { revalidate: false },
);

export const invalidateAction = operatorAction<InvalidationResult>(
  "admin.cache.invalidate",
  async (operator, input) => {
    const data = await invalidatePattern(operator, { pattern: input.pattern ?? "", dry_run: false });
    return { data, message: `Deleted ${data.deleted} keys matching ${data.pattern}.` };
  },
);
