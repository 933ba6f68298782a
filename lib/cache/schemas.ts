// Input schemas of the cache console (API routes and server actions share them).
import { z } from "zod";

export const scanQuerySchema = z.object({
  cursor: z
    .string()
    .regex(/^\d{1,20}$/, "Not a scan cursor.")
    .default("0"),
  /** Keys to look at in this call. */
  max_keys: z.coerce.number().int().min(100).max(100_000).default(20_000),
  /** Wall-clock budget of this call. */
  max_ms: z.coerce.number().int().min(100).max(10_000).default(3_000),
  match: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[\x21-\x7e]+$/, "Use printable characters without spaces.")
    .default("*"),
});

export const invalidateBodySchema = z.object({
  pattern: z
    .string()
    .trim()
    .min(1, "Give a pattern, e.g. c:tenant-slug:*")
    .max(200)
    .regex(/^[\x21-\x7e]+$/, "Use printable characters without spaces."),
  dry_run: z.boolean().default(true),
});
