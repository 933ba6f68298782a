// API keys: every key of the workspace (secrets are never shown after creation); members with
// apiKeys:manage create keys (only scopes their role allows), roll and revoke them.
import type { Metadata } from "next";
import Link from "next/link";

import { PageHeader } from "@/components/ui/page-header";
import { ApiKeysTable } from "@/components/workspace/api-keys/api-keys-table";
import { ApiReferenceButton } from "@/components/workspace/api-keys/api-reference-button";
import { CreateKeyDialog } from "@/components/workspace/api-keys/create-key-dialog";
import { listApiKeys } from "@/lib/api-keys/keys";
import { describeScopes, scopesForRole } from "@/lib/api-keys/scopes";
import { toApiKeyRow } from "@/lib/api-keys/status";
import { plural } from "@/lib/format";
import { requestOrigin } from "@/lib/http/request";
import { requireTenantPage } from "@/lib/http/tenant";
import { can } from "@/lib/tenancy/permissions";

import { createApiKeyAction, revokeApiKeyAction, rollApiKeyAction } from "./actions";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireTenantPage(slug, "apiKeys:read");
  const keys = await listApiKeys(ctx);
  const origin = await requestOrigin();
  const now = new Date();
  const tenantSlug = ctx.tenant.slug;
  const canManage = can(ctx.role, "apiKeys:manage");
  // A suspended workspace is read-only: creating and rolling would be refused, so don't offer them.
  const suspended = ctx.tenant.status === "SUSPENDED";

  const rows = keys.map((key) => toApiKeyRow(key, now));
  const active = rows.filter((row) => row.status === "active").length;

  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys let your programs call the Tessera API for this workspace. {plural(active, "active key")}
            {rows.length > active && <> of {rows.length}</>}.
          </>
        }
        actions={
          <>
            <ApiReferenceButton />
            {canManage && !suspended && (
              <CreateKeyDialog
                action={createApiKeyAction.bind(null, tenantSlug)}
                scopes={describeScopes(scopesForRole(ctx.role))}
                origin={origin}
              />
            )}
          </>
        }
      />

      <div className="grid min-w-0 gap-3">
        <ApiKeysTable
          keys={rows}
          now={now}
          actions={
            canManage
              ? {
                  revoke: revokeApiKeyAction.bind(null, tenantSlug),
                  roll: suspended ? undefined : rollApiKeyAction.bind(null, tenantSlug),
                  origin,
                }
              : undefined
          }
        />
        <p className="text-sm text-muted-foreground">
          Send a key as <code className="font-mono text-foreground">Authorization: Bearer &lt;key&gt;</code>. Calls
          count towards the plan&apos;s monthly API quota; see{" "}
          <Link href={`/t/${tenantSlug}/usage`} className="font-medium text-foreground underline underline-offset-4">
            Usage
          </Link>
          .
        </p>
      </div>
    </>
  );
}
