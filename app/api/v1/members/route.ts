import { keysetPage } from "@/lib/cursor";
import * as routes from "@/lib/api/v1/members";
import { fromApiRole, toMemberResource } from "@/lib/api/v1/serializers";
import { apiRoute } from "@/lib/http/api";
import { listMembers } from "@/lib/lifecycle/members";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.listMembers, async ({ ctx, query }) => {
  const q = query.q?.toLowerCase();
  const role = query.role ? fromApiRole(query.role) : undefined;
  const members = (await listMembers(await ctx.tenantContext())).filter(
    (member) =>
      (!role || member.role === role) &&
      (!q || member.email.toLowerCase().includes(q) || (member.name?.toLowerCase().includes(q) ?? false)),
  );
  const page = keysetPage(members, (m) => ({ at: m.joinedAt, id: m.userId }), "asc", query.limit, query.cursor);
  return { data: page.data.map(toMemberResource), next_cursor: page.next_cursor };
});

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
