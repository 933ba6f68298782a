// GET /api/t/[slug]/audit?cursor=&action=&limit=: one page of the audit log, newest first
// (audit:read). `nextCursor` is null on the last page.
import { withTenantRoute } from "@/lib/http/route";
import { getAuditPage } from "@/lib/tenancy/workspace";

export const GET = withTenantRoute<{ slug: string }>("audit:read", async (request, ctx) => {
  const params = new URL(request.url).searchParams;
  return getAuditPage(ctx, {
    cursor: params.get("cursor") ?? undefined,
    action: params.get("action") ?? undefined,
    limit: params.get("limit") ?? undefined,
  });
});
