// GET /api/t/[slug]/members: the workspace's members and pending invitations (members:read).
// Non-members get 404, so other workspaces' existence is never revealed.
import { withTenantRoute } from "@/lib/http/route";
import { listPendingInvitations } from "@/lib/tenancy/invitations";
import { listMembers } from "@/lib/lifecycle/members";
import { otherMethods } from "@/lib/http/methods";

export const GET = withTenantRoute<{ slug: string }>("members:read", async (_request, ctx) => {
  const members = await listMembers(ctx);
  const invitations = await listPendingInvitations(ctx);
  return { members, invitations };
});

// Other methods: 405 with Allow and the JSON error body (lib/http/methods.ts).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
