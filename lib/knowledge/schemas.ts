// Input schemas of the knowledge base (pages, actions and the API share them).
import { z } from "zod";

import { singleLineText } from "@/lib/text";

export const MAX_BODY = 50_000;
export const MAX_TAGS = 20;
/** The largest version number (PostgreSQL integer). */
export const MAX_VERSION = 2_147_483_647;

export const versionNumber = z.coerce.number().int().min(1).max(MAX_VERSION, "No such version.");

const tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(40, "A tag is at most 40 characters.")
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _.-]*$/u, "Tags are letters, digits, spaces, dots, dashes and underscores.");

/** Tags as an array, or as the comma-separated text of a form field; duplicates dropped. */
export const tagsInput = z
  .preprocess(
    (value) =>
      typeof value === "string"
        ? value
            .split(",")
            .map((t) => t.trim())
            .filter(Boolean)
        : value,
    z.array(tag).max(MAX_TAGS, `At most ${MAX_TAGS} tags.`),
  )
  .transform((tags) => [...new Set(tags)])
  .describe("Tags (lowercased; duplicates dropped).");

/** A boolean from JSON or from a form's checkbox ("on", "true", "false", absent). */
const flag = z.preprocess(
  (value) => (value === "on" || value === "true" ? true : value === "false" || value === "" ? false : value),
  z.boolean(),
);

const collectionRef = z
  .preprocess((value) => (value === "" ? null : value), z.string().min(1).max(64).nullable())
  .describe("The collection's id, or null for none.");

export const articleCreateSchema = z
  .object({
    title: singleLineText().min(1, "Give the article a title.").max(200, "Use at most 200 characters."),
    body: z
      .string()
      .trim()
      .min(1, "Write the article.")
      .max(MAX_BODY, `Use at most ${MAX_BODY.toLocaleString("en-US")} characters.`)
      .describe("Markdown."),
    collection_id: collectionRef.optional(),
    tags: tagsInput.optional(),
    published: flag.optional().describe("Shown on the public help centre (when the workspace has it on)."),
  })
  .meta({ id: "KnowledgeArticleCreate" });

export const articleUpdateSchema = articleCreateSchema
  .partial()
  .extend({
    expected_version: versionNumber
      .optional()
      .describe("The version you edited; a newer saved version answers 409 instead of being overwritten."),
  })
  .meta({ id: "KnowledgeArticleUpdate" });

export type ArticleCreateInput = z.input<typeof articleCreateSchema>;
export type ArticleUpdateInput = z.input<typeof articleUpdateSchema>;

export const ARTICLE_SORTS = ["updated", "title", "created"] as const;

export const articleListQuery = z.object({
  q: z.string().trim().max(200).optional().describe("Full-text search; answers in rank order."),
  collection_id: z.string().max(64).optional(),
  tag: z.string().trim().toLowerCase().max(40).optional(),
  published: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const searchQuery = z.object({
  q: z.string().trim().min(1, "Write what to search for.").max(200, "Use at most 200 characters."),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const collectionSchema = z
  .object({
    name: singleLineText().min(1, "Name the collection.").max(80, "Use at most 80 characters."),
    description: z.string().trim().max(500, "Use at most 500 characters.").optional(),
  })
  .meta({ id: "KnowledgeCollectionCreate" });

export const helpCenterSchema = z.object({
  enabled: flag,
  title: z
    .preprocess((value) => (value === "" ? undefined : value), singleLineText().max(80).optional())
    .describe("The help centre's heading (default: the workspace's name)."),
});

export const documentUploadQuery = z.object({
  filename: z.string().min(1, "Name the file.").max(1000),
  collection_id: z.string().max(64).optional(),
});
