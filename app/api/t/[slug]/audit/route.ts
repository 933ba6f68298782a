// GET /api/t/[slug]/audit?cursor=&action=&limit=: one page of the audit log, newest first
// (audit:read). `nextCursor` is null on the last page.
import { withTenantRoute } from "@/lib/http/route";
import { getAuditPage } from "@/lib/tenancy/workspace";
import { otherMethods } from "@/lib/http/methods";

export const GET = withTenantRoute<{ slug: string }>("audit:read", async (request, ctx) => {
  const params = new URL(request.url).searchParams;
  return getAuditPage(ctx, {
    cursor: params.get("cursor") ?? undefined,
    action: params.get("action") ?? undefined,
    limit: params.get("limit") ?? undefined,
  });
});

// Other methods: 405 with Allow and the JSON error body (lib/http/methods.ts).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
