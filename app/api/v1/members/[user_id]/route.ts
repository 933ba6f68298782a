import * as routes from "@/lib/api/v1/members";
import { fromApiRole, toMemberResource } from "@/lib/api/v1/serializers";
import { apiRoute } from "@/lib/http/api";
import { AppError } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenancy/context";
import { changeMemberRole, listMembers, removeMember } from "@/lib/lifecycle/members";
import { otherMethods } from "@/lib/http/methods";

async function findMember(ctx: TenantContext, userId: string) {
  const member = (await listMembers(ctx)).find((row) => row.userId === userId);
  if (!member) throw AppError.notFound("That person is not a member of this workspace.");
  return toMemberResource(member);
}

export const GET = apiRoute(routes.getMember, async ({ ctx, params }) =>
  findMember(await ctx.tenantContext(), params.user_id),
);

export const PATCH = apiRoute(routes.updateMember, async ({ ctx, params, body }) => {
  const tenant = await ctx.tenantContext();
  await changeMemberRole(tenant, { userId: params.user_id, role: fromApiRole(body.role) });
  return findMember(tenant, params.user_id);
});

export const DELETE = apiRoute(routes.removeMember, async ({ ctx, params }) => {
  await removeMember(await ctx.tenantContext(), { userId: params.user_id });
});

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, OPTIONS } = otherMethods(["GET", "PATCH", "DELETE"]);
