import { keysetPage } from "@/lib/cursor";
import * as routes from "@/lib/api/v1/invitations";
import { fromApiRole, toCreatedInvitationResource, toInvitationResource } from "@/lib/api/v1/serializers";
import { env } from "@/lib/env";
import { requestSubject, withAbuseLimit } from "@/lib/http/abuse-limits";
import { apiRoute } from "@/lib/http/api";
import { createInvitation, listPendingInvitations } from "@/lib/tenancy/invitations";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.listInvitations, async ({ ctx, query }) => {
  const invitations = await listPendingInvitations(await ctx.tenantContext());
  const page = keysetPage(invitations, (i) => ({ at: i.createdAt, id: i.id }), "desc", query.limit, query.cursor);
  return { data: page.data.map(toInvitationResource), next_cursor: page.next_cursor };
});

// Links in invitation emails use APP_URL, never the caller's Host header.
export const POST = apiRoute(routes.createInvitation, async ({ ctx, body, request }) => {
  const tenant = await ctx.tenantContext();
  return toCreatedInvitationResource(
    await withAbuseLimit("invitation", requestSubject(request, tenant.user.id), () =>
      createInvitation(tenant, { email: body.email, role: fromApiRole(body.role) }, { baseUrl: env.APP_URL }),
    ),
  );
});

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
