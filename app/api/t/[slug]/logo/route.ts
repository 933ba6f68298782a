// GET /api/t/[slug]/logo: the workspace's uploaded logo for its header, to any member (the header
// shows it to all of them). 404 when there is none. The URL carries the file id (?v=), so the
// image may be cached privately: a new logo gets a new URL.
import { AppError } from "@/lib/errors";
import { openBrandLogo } from "@/lib/files/files";
import { fileResponse } from "@/lib/http/file-response";
import { otherMethods } from "@/lib/http/methods";
import { withTenantRoute } from "@/lib/http/route";

export const GET = withTenantRoute<{ slug: string }>(null, async (_request, ctx) => {
  const logo = await openBrandLogo(ctx);
  if (!logo) throw AppError.notFound("This workspace has no logo.");
  return fileResponse(logo.file, logo.body, { inline: true, cache: "private, max-age=86400" });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
