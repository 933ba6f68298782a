import { z } from "zod";

import { tenantNameSchema } from "../../tenancy/schemas";
import { defineRoute } from "../define";
import { tenantResource } from "./serializers";

export const getCurrentTenant = defineRoute({
  operationId: "getCurrentTenant",
  method: "GET",
  path: "/api/v1/tenant",
  tag: "Workspace",
  summary: "Get the workspace",
  description:
    "The workspace the key belongs to: its tier, the tier in effect (a running trial's) and that tier's limits.",
  audience: "tenant",
  scope: "tenant:read",
  response: tenantResource,
});

export const updateCurrentTenant = defineRoute({
  operationId: "updateCurrentTenant",
  method: "PATCH",
  path: "/api/v1/tenant",
  tag: "Workspace",
  summary: "Rename the workspace",
  description: "The slug (the workspace's URL) does not change; platform operators can change it.",
  audience: "tenant",
  scope: "tenant:write",
  body: z.object({ name: tenantNameSchema }),
  response: tenantResource,
});
