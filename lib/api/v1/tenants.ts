// The platform's tenants API: platform keys (or an operator's session) manage every tenant.
import { z } from "zod";

import { singleLineText } from "@/lib/text";
import { ADMIN_TENANT_STATUSES } from "../../lifecycle/tenants";
import { emailSchema } from "../../auth/schemas";
import { slugSchema, tenantNameSchema } from "../../tenancy/schemas";
import { defineRoute } from "../define";
import { idParams, listOf, paginationQuery } from "./common";
import { keysetCursor } from "@/lib/cursor";
import { apiTier, createdTenantResource, platformTenantResource } from "./serializers";

const TAG = "Platform: tenants";

export const listTenants = defineRoute({
  operationId: "listTenants",
  method: "GET",
  path: "/api/v1/tenants",
  tag: TAG,
  summary: "List tenants",
  description: "Every tenant, soft-deleted ones included; newest first.",
  audience: "platform",
  scope: "platform:read",
  query: paginationQuery.extend({
    cursor: keysetCursor,
    q: z.string().trim().max(100).optional().describe("Name, slug or owner email contains."),
    tier: apiTier.optional().describe("Only tenants paying for this tier."),
    status: z.enum(ADMIN_TENANT_STATUSES).optional().describe("trialing = active with a running trial."),
  }),
  response: listOf(platformTenantResource, "PlatformTenant"),
});

export const createTenantBody = z.object({
  name: tenantNameSchema,
  slug: slugSchema.describe("The workspace URL: /t/<slug>."),
  tier: apiTier.default("free"),
  trial: z
    .boolean()
    .default(true)
    .describe("true: the free plan with a 14-day trial of tier (professional when tier is free). false: tier at once."),
  owner_email: emailSchema
    .meta({ format: "email" })
    .describe(
      "An existing user with a verified address becomes owner at once; otherwise an owner invitation is emailed.",
    ),
  owner_name: singleLineText().max(80).optional().describe("Recorded with a pending owner invitation."),
});

export const createTenant = defineRoute({
  operationId: "createTenant",
  method: "POST",
  path: "/api/v1/tenants",
  tag: TAG,
  summary: "Create a tenant",
  audience: "platform",
  scope: "platform:write",
  body: createTenantBody,
  response: createdTenantResource,
  status: 201,
  errors: ["conflict"],
});

export const getTenant = defineRoute({
  operationId: "getTenant",
  method: "GET",
  path: "/api/v1/tenants/{id}",
  tag: TAG,
  summary: "Get a tenant",
  audience: "platform",
  scope: "platform:read",
  params: idParams,
  response: platformTenantResource,
  errors: ["not_found"],
});

export const updateTenantBody = z
  .object({
    name: tenantNameSchema.optional(),
    slug: slugSchema.optional(),
    tier: apiTier.optional().describe("The tier paid for (a running trial keeps its own tier)."),
    status: z
      .enum(["active", "suspended"])
      .optional()
      .describe("suspended needs suspended_reason; active reactivates a suspended tenant or restores a deleted one."),
    suspended_reason: singleLineText().min(3, "Give a reason.").max(300).optional(),
  })
  .superRefine((body, ctx) => {
    if (Object.values(body).every((value) => value === undefined)) {
      ctx.addIssue({ code: "custom", path: [], message: "Send at least one field to change." });
    }
    if (body.status === "suspended" && !body.suspended_reason) {
      ctx.addIssue({ code: "custom", path: ["suspended_reason"], message: "Give a reason when suspending." });
    }
    if (body.suspended_reason && body.status !== "suspended") {
      ctx.addIssue({ code: "custom", path: ["suspended_reason"], message: "Only with status “suspended”." });
    }
  });

export const updateTenant = defineRoute({
  operationId: "updateTenant",
  method: "PATCH",
  path: "/api/v1/tenants/{id}",
  tag: TAG,
  summary: "Update a tenant",
  description: "Rename, move to another slug, change the tier, suspend or reactivate. Each change is audited.",
  audience: "platform",
  scope: "platform:write",
  params: idParams,
  body: updateTenantBody,
  response: platformTenantResource,
  errors: ["not_found", "conflict"],
});

export const deleteTenant = defineRoute({
  operationId: "deleteTenant",
  method: "DELETE",
  path: "/api/v1/tenants/{id}",
  tag: TAG,
  summary: "Delete a tenant",
  description:
    "Soft delete: the tenant is inaccessible at once and purged after 30 days; until then PATCH status active restores it. " +
    "Answers with the deleted tenant.",
  audience: "platform",
  scope: "platform:write",
  params: idParams,
  response: platformTenantResource,
  errors: ["not_found", "conflict"],
});
