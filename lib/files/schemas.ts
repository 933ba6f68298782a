// Input schemas of the files domain (the API and the pages share them).
import { z } from "zod";

import { FILE_KINDS } from "./kinds";
import { MAX_NAME_LENGTH } from "./names";

const uploadName = z
  .string()
  .min(1, "Name the file.")
  .max(1000, "At most 1000 characters.")
  .describe(`The file's name (a label: cleaned, cut to ${MAX_NAME_LENGTH} characters; never part of a path).`);

export const fileKindInput = z
  .enum(["attachment", "logo"])
  .default("attachment")
  .describe("attachment: a workspace file; logo: the workspace's branding logo (White label, raster images).");

export function toFileKind(kind: "attachment" | "logo"): "ATTACHMENT" | "LOGO" {
  return kind === "logo" ? "LOGO" : "ATTACHMENT";
}

export const uploadQuery = z.object({
  filename: uploadName,
  kind: fileKindInput,
});

export const presignBody = z
  .object({
    name: uploadName,
    size: z
      .number()
      .int()
      .min(1, "At least 1 byte.")
      .max(FILE_KINDS.ATTACHMENT.maxBytes, "Larger than any file Tessera accepts.")
      .describe("The exact size in bytes; the presigned PUT accepts only this length."),
    content_type: z
      .string()
      .max(100)
      .describe("The file's type (image/png, application/pdf, …); checked against its content on completion."),
    kind: fileKindInput,
  })
  .meta({ id: "PresignFileUpload" });
