// Platform API keys: keys for the tenants API (/api/v1/tenants), minted by operators. The secret
// is shown once, in the dialog that creates it.
import type { Metadata } from "next";

import { PlatformKeys } from "@/components/admin/platform-keys";
import { PageHeader } from "@/components/ui/page-header";
import { ApiReferenceButton } from "@/components/workspace/api-keys/api-reference-button";
import { listPlatformKeys } from "@/lib/api-keys/keys";
import { describeScopes, PLATFORM_SCOPE_LIST } from "@/lib/api-keys/scopes";
import { toApiKeyRow } from "@/lib/api-keys/status";
import { requestOrigin } from "@/lib/http/request";
import { requireOperator } from "@/lib/http/session";

import { createPlatformKeyAction, revokePlatformKeyAction } from "./actions";

export const metadata: Metadata = { title: "Platform API keys" };

export default async function PlatformKeysPage() {
  const operator = await requireOperator();
  const keys = await listPlatformKeys(operator);
  const origin = await requestOrigin();
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Platform API keys"
        description="Keys for the tenants API: they list, create, update and delete tenants across the platform. Treat them like an operator password."
        actions={<ApiReferenceButton />}
      />
      <PlatformKeys
        keys={keys.map((key) => toApiKeyRow(key, now))}
        now={now}
        origin={origin}
        scopes={describeScopes(PLATFORM_SCOPE_LIST)}
        create={createPlatformKeyAction}
        revoke={revokePlatformKeyAction}
      />
    </>
  );
}
