import { z } from "zod";

import { emailSchema } from "../../auth/schemas";
import { defineRoute } from "../define";
import { idParams, listOf, paginationQuery } from "./common";
import { keysetCursor } from "@/lib/cursor";
import { apiRole, createdInvitationResource, invitationResource } from "./serializers";

export const listInvitations = defineRoute({
  operationId: "listInvitations",
  method: "GET",
  path: "/api/v1/invitations",
  tag: "Invitations",
  summary: "List pending invitations",
  description: "Invitations not yet accepted, revoked or expired; newest first.",
  audience: "tenant",
  scope: "members:read",
  query: paginationQuery.extend({ cursor: keysetCursor }),
  response: listOf(invitationResource, "Invitation"),
});

export const createInvitation = defineRoute({
  operationId: "createInvitation",
  method: "POST",
  path: "/api/v1/invitations",
  tag: "Invitations",
  summary: "Invite someone",
  description:
    "Emails an invitation link valid for 7 days. Inviting the same address again replaces the pending invitation. " +
    "A pending invitation holds a seat: the plan's user limit counts members plus pending invitations.",
  audience: "tenant",
  scope: "members:write",
  body: z.object({
    email: emailSchema.meta({ format: "email" }),
    role: apiRole.exclude(["owner"], "Choose admin, billing, member or viewer."),
  }),
  response: createdInvitationResource,
  status: 201,
  errors: ["conflict", "limit_exceeded"],
});

export const revokeInvitation = defineRoute({
  operationId: "revokeInvitation",
  method: "DELETE",
  path: "/api/v1/invitations/{id}",
  tag: "Invitations",
  summary: "Revoke an invitation",
  description: "Its link stops working at once. Answers 204 with no body.",
  audience: "tenant",
  scope: "members:write",
  params: idParams,
  status: 204,
  errors: ["not_found"],
});
