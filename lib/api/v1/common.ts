// Shared pieces of v1 schemas: cursor pagination and list envelopes.
import { z } from "zod";

export const paginationQuery = z.object({
  limit: z.coerce.number().int().min(1, "At least 1.").max(100, "At most 100.").default(25),
  cursor: z.string().max(200).optional().describe("The next_cursor of the previous page."),
});

export function listOf<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({
      data: z.array(item),
      next_cursor: z.string().nullable().describe("Pass as cursor to get the next page; null on the last page."),
    })
    .meta({ id: `${name}List` });
}

export const idParams = z.object({ id: z.string().min(1).max(64) });
