"use server";
// Workspace settings: name (settings:update) and white-label branding (branding:update; the
// lib refuses it below the White label plan), including the custom domain's DNS verification.
// Bind the slug: `action.bind(null, slug)`.
import { deleteFile, getBrandLogo } from "@/lib/files/files";
import { tenantAction } from "@/lib/http/action";
import { verifyCustomDomain } from "@/lib/tenancy/domains";
import { updateBranding, updateTenantSettings } from "@/lib/tenancy/tenants";

export const updateWorkspaceNameAction = tenantAction("settings.update_name", "settings:update", async (ctx, input) => {
  await updateTenantSettings(ctx, { name: input.name ?? "" });
  return { message: "Workspace name saved." };
});

export const updateBrandingAction = tenantAction("settings.update_branding", "branding:update", async (ctx, input) => {
  await updateBranding(ctx, {
    brandLogoUrl: input.brandLogoUrl ?? "",
    brandPrimaryColor: input.brandPrimaryColor ?? "",
    customDomain: input.customDomain ?? "",
  });
  return { message: "Branding saved." };
});

export const verifyDomainAction = tenantAction("settings.verify_domain", "branding:update", async (ctx) => {
  const { domain } = await verifyCustomDomain(ctx);
  return { message: `${domain} is verified. It serves this workspace within a minute.` };
});

export const removeLogoAction = tenantAction("settings.remove_logo", "branding:update", async (ctx) => {
  const logo = await getBrandLogo(ctx);
  if (logo) await deleteFile(ctx, logo.id);
  return { message: "Logo removed." };
});
