// Workspace settings: name, address (URL and custom domain), and white-label branding on plans
// with custom_branding. A custom domain is pending until its DNS TXT record proves it: the page
// shows the record to create, the claim's state and "Verify now". Reading needs settings:read;
// the forms need settings:update / branding:update (checked again by the server actions).
import type { Metadata } from "next";
import { Sparkles } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DescriptionList, type DescriptionListItem } from "@/components/ui/description-list";
import { PageHeader } from "@/components/ui/page-header";
import { ComparePlansLink } from "@/components/workspace/compare-plans-link";
import { CopyButton } from "@/components/workspace/copy-button";
import { FileUploader } from "@/components/workspace/files/file-uploader";
import { BrandingForm } from "@/components/workspace/settings/branding-form";
import { LogoPreview } from "@/components/workspace/settings/logo-preview";
import { DomainVerification } from "@/components/workspace/settings/domain-verification";
import { WorkspaceNameForm } from "@/components/workspace/settings/workspace-name-form";
import { env } from "@/lib/env";
import { getBrandLogo } from "@/lib/files/files";
import { FILE_KINDS, formatBytes } from "@/lib/files/kinds";
import { requestOrigin } from "@/lib/http/request";
import { requireTenantPage } from "@/lib/http/tenant";
import { claimedDomain, customDomainStatus } from "@/lib/tenancy/domains";
import { can } from "@/lib/tenancy/permissions";
import { tierHasFeature, TIER_DEFINITIONS } from "@/lib/tenancy/tiers";

import { removeLogoAction, updateBrandingAction, updateWorkspaceNameAction, verifyDomainAction } from "./actions";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireTenantPage(slug, "settings:read");
  const { tenant } = ctx;
  const suspended = tenant.status === "SUSPENDED";
  const canEdit = can(ctx.role, "settings:update") && !suspended;
  const canBrand = can(ctx.role, "branding:update") && !suspended;
  const branding = tierHasFeature(ctx.tier, "custom_branding");
  const origin = await requestOrigin();
  const workspaceUrl = `${origin}/t/${tenant.slug}`;
  const domains = customDomainStatus(tenant);
  const customUrl = domains.verified ? `https://${domains.verified.domain}` : null;
  const logo = branding ? await getBrandLogo(ctx) : null;
  const address: DescriptionListItem[] = [
    {
      term: "Workspace URL",
      detail: (
        <>
          <code className="rounded bg-muted px-2 py-1 break-all" data-testid="workspace-url">
            {workspaceUrl}
          </code>
          <CopyButton value={workspaceUrl} label="Copy URL" />
        </>
      ),
    },
  ];
  if (domains.verified && customUrl) {
    address.push({
      term: "Custom domain",
      detail: (
        <>
          <a
            href={customUrl}
            className="rounded bg-muted px-2 py-1 font-mono break-all underline-offset-4 hover:underline"
            data-testid="custom-domain"
          >
            {domains.verified.domain}
          </a>
          <CopyButton value={customUrl} label="Copy URL" />
          {domains.verified.served ? (
            <Badge variant="success" data-testid="custom-domain-state">
              Verified
            </Badge>
          ) : (
            <>
              <Badge variant="warning" data-testid="custom-domain-state">
                Verified, not served
              </Badge>
              <span className="text-sm text-muted-foreground">
                Custom domains are served on the White label plan only.
              </span>
            </>
          )}
        </>
      ),
    });
  }

  return (
    <>
      <PageHeader title="Settings" description="How this workspace is named, reached and branded." />
      {!canEdit && (
        <Alert variant="info" className="mb-6">
          <AlertTitle>{suspended ? "Read-only while suspended" : "View only"}</AlertTitle>
          <AlertDescription>
            <p>
              {suspended
                ? "Settings can't be changed while the workspace is suspended."
                : "Only owners and admins can change these settings."}
            </p>
          </AlertDescription>
        </Alert>
      )}

      <div className="grid gap-6">
        <Card>
          <CardHeader>
            <CardTitle>General</CardTitle>
            <CardDescription>The name members see in the workspace switcher and in invitations.</CardDescription>
          </CardHeader>
          <CardContent>
            <WorkspaceNameForm
              action={updateWorkspaceNameAction.bind(null, tenant.slug)}
              name={tenant.name}
              disabled={!canEdit}
            />
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Workspace address</CardTitle>
            <CardDescription>Where members reach this workspace.</CardDescription>
          </CardHeader>
          <CardContent>
            <DescriptionList layout="stacked" detailClassName="flex flex-wrap items-center gap-2" items={address} />
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Branding</CardTitle>
            <CardDescription>Your logo, colour and domain instead of Tessera&apos;s.</CardDescription>
          </CardHeader>
          <CardContent>
            {branding ? (
              <div className="grid gap-6">
                <div className="grid gap-3" data-testid="logo-settings">
                  <h3 className="text-sm font-medium">Logo</h3>
                  <LogoPreview
                    src={logo ? `/api/t/${tenant.slug}/logo?v=${logo.id}` : null}
                    name={logo?.name ?? null}
                    remove={canBrand && logo ? removeLogoAction.bind(null, tenant.slug) : undefined}
                  />
                  {canBrand && (
                    <FileUploader
                      slug={tenant.slug}
                      kind="logo"
                      multiple={false}
                      accept="image/png,image/jpeg,image/gif,image/webp"
                      maxBytes={FILE_KINDS.LOGO.maxBytes}
                      label={logo ? "Drop a new logo here" : "Drop your logo here"}
                      hint={`PNG, JPEG, GIF or WebP, at most ${formatBytes(FILE_KINDS.LOGO.maxBytes)}; shown in the header. SVG is not accepted.`}
                    />
                  )}
                </div>
                <BrandingForm
                  action={updateBrandingAction.bind(null, tenant.slug)}
                  appHost={new URL(env.APP_URL).host}
                  disabled={!canBrand}
                  initial={{
                    brandLogoUrl: tenant.brandLogoUrl ?? "",
                    brandPrimaryColor: tenant.brandPrimaryColor ?? "",
                    customDomain: claimedDomain(tenant),
                  }}
                />
                {domains.pending && (
                  <DomainVerification
                    pending={{ ...domains.pending, expiresAt: domains.pending.expiresAt.toISOString() }}
                    verifiedDomain={domains.verified?.domain ?? null}
                    verify={canBrand ? verifyDomainAction.bind(null, tenant.slug) : undefined}
                  />
                )}
              </div>
            ) : (
              <Alert variant="info" icon={<Sparkles aria-hidden />} data-testid="branding-upsell">
                <AlertTitle>Custom branding is part of the White label plan</AlertTitle>
                <AlertDescription>
                  <p>
                    This workspace is on the {TIER_DEFINITIONS[ctx.tier].label} plan. Upgrade to White label to use your
                    own logo, colours and domain. <ComparePlansLink />
                  </p>
                </AlertDescription>
              </Alert>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
