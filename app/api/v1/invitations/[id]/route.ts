import * as routes from "@/lib/api/v1/invitations";
import { apiRoute } from "@/lib/http/api";
import { revokeInvitation } from "@/lib/tenancy/invitations";

export const DELETE = apiRoute(routes.revokeInvitation, async ({ ctx, params }) => {
  await revokeInvitation(await ctx.tenantContext(), { invitationId: params.id });
});
