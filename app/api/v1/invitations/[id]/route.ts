import * as routes from "@/lib/api/v1/invitations";
import { apiRoute } from "@/lib/http/api";
import { revokeInvitation } from "@/lib/tenancy/invitations";
import { otherMethods } from "@/lib/http/methods";

export const DELETE = apiRoute(routes.revokeInvitation, async ({ ctx, params }) => {
  await revokeInvitation(await ctx.tenantContext(), { invitationId: params.id });
});

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods(["DELETE"]);
