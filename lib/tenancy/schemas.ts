// Input schemas for tenants, members and invitations: used by server actions, route handlers
// and the OpenAPI document. The account schemas (email, sign-up, password) are lib/auth/schemas.ts's.
import { z } from "zod";

import { singleLineText } from "@/lib/text";
import { ROLES } from "./permissions";
import { TIERS } from "./tiers";
import { emailSchema } from "../auth/schemas";

export const RESERVED_SLUGS = new Set([
  "admin",
  "api",
  "app",
  "new",
  "www",
  "sign-in",
  "sign-up",
  "invite",
  "settings",
  "billing",
  "docs",
  "t",
]);

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, "Use at least 3 characters.")
  .max(40, "Use at most 40 characters.")
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "Use lowercase letters, digits and dashes (not at the ends).")
  .refine((slug) => !RESERVED_SLUGS.has(slug), "This URL is reserved.");

export const tenantNameSchema = singleLineText()
  .min(2, "Use at least 2 characters.")
  .max(80, "Use at most 80 characters.");

export const tierSchema = z.enum(TIERS);
export const roleSchema = z.enum(ROLES);

export const createTenantSchema = z.object({
  name: tenantNameSchema,
  slug: slugSchema,
  trialTier: tierSchema.exclude(["FREE"]).optional(),
});

export const updateTenantSchema = z.object({ name: tenantNameSchema });

const hexColor = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, "Use a hex colour like #4f46e5.");

export const brandingSchema = z.object({
  brandLogoUrl: z
    .union([z.literal(""), z.url({ protocol: /^https?$/, message: "Use an http(s) URL." }).max(500)])
    .transform((v) => v || null),
  brandPrimaryColor: z.union([z.literal(""), hexColor]).transform((v) => v || null),
  customDomain: z
    .union([
      z.literal(""),
      z
        .string()
        .trim()
        .toLowerCase()
        .max(253)
        .regex(
          /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
          "Use a domain name like app.example.com.",
        ),
    ])
    .transform((v) => v || null),
});

export const inviteSchema = z.object({
  email: emailSchema,
  role: roleSchema.exclude(["OWNER"]),
});

export const changeRoleSchema = z.object({ userId: z.string().min(1), role: roleSchema.exclude(["OWNER"]) });
export const memberTargetSchema = z.object({ userId: z.string().min(1) });
/** Removing a member: their API keys are revoked unless the remover explicitly takes them over. */
export const removeMemberSchema = memberTargetSchema.extend({
  keys: z.enum(["revoke", "transfer"], { error: "Choose what happens to their API keys." }).default("revoke"),
});
export const invitationTargetSchema = z.object({ invitationId: z.string().min(1) });
