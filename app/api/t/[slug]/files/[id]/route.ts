// GET /api/t/[slug]/files/[id]: a file's bytes for the workspace's pages (files:read), with the
// safe download headers of lib/http/file-response.ts; ?inline=1 opens images and PDFs in the tab.
// Non-members get 404, so other workspaces' files and existence are never revealed.
import { openFile } from "@/lib/files/files";
import { fileResponse } from "@/lib/http/file-response";
import { otherMethods } from "@/lib/http/methods";
import { withTenantRoute } from "@/lib/http/route";

export const GET = withTenantRoute<{ slug: string; id: string }>("files:read", async (request, ctx, params) => {
  const { file, body } = await openFile(ctx, params.id.slice(0, 64));
  return fileResponse(file, body, { inline: new URL(request.url).searchParams.get("inline") === "1" });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
