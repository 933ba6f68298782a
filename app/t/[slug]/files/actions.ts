"use server";
// Files: deleting one (files:write; lib/files checks again and writes the audit log). Uploads go
// to POST /api/v1/files/upload from the browser (streamed, with progress), not through an action.
// Bind the slug: `deleteFileAction.bind(null, slug)`.
import { z } from "zod";

import { parseInput } from "@/lib/errors";
import { deleteFile } from "@/lib/files/files";
import { tenantAction } from "@/lib/http/action";

const target = z.object({ fileId: z.string().min(1).max(64) });

export const deleteFileAction = tenantAction("files.delete", "files:write", async (ctx, input) => {
  await deleteFile(ctx, parseInput(target, input).fileId);
  return { message: "File deleted." };
});
