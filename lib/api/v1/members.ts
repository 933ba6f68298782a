import { z } from "zod";

import { defineRoute } from "../define";
import { listOf, paginationQuery } from "./common";
import { keysetCursor } from "@/lib/cursor";
import { apiRole, memberResource } from "./serializers";

export const memberParams = z.object({ user_id: z.string().min(1).max(64).describe("The member's user id.") });

export const listMembers = defineRoute({
  operationId: "listMembers",
  method: "GET",
  path: "/api/v1/members",
  tag: "Members",
  summary: "List members",
  description: "Oldest first.",
  audience: "tenant",
  scope: "members:read",
  query: paginationQuery.extend({
    cursor: keysetCursor,
    role: apiRole.optional().describe("Only members with this role."),
    q: z.string().trim().max(100).optional().describe("Email or name contains (case-insensitive)."),
  }),
  response: listOf(memberResource, "Member"),
});

export const getMember = defineRoute({
  operationId: "getMember",
  method: "GET",
  path: "/api/v1/members/{user_id}",
  tag: "Members",
  summary: "Get a member",
  audience: "tenant",
  scope: "members:read",
  params: memberParams,
  response: memberResource,
  errors: ["not_found"],
});

export const updateMember = defineRoute({
  operationId: "updateMember",
  method: "PATCH",
  path: "/api/v1/members/{user_id}",
  tag: "Members",
  summary: "Change a member's role",
  description: "Owners cannot be re-roled (ownership moves by transfer in the app); keys act with an admin's powers.",
  audience: "tenant",
  scope: "members:write",
  params: memberParams,
  body: z.object({ role: apiRole.exclude(["owner"], "Choose admin, billing, member or viewer.") }),
  response: memberResource,
  errors: ["not_found"],
});

export const removeMember = defineRoute({
  operationId: "removeMember",
  method: "DELETE",
  path: "/api/v1/members/{user_id}",
  tag: "Members",
  summary: "Remove a member",
  description: "The owner cannot be removed. The member's active API keys are revoked. Answers 204 with no body.",
  audience: "tenant",
  scope: "members:write",
  params: memberParams,
  status: 204,
  errors: ["not_found"],
});
