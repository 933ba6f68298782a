// Platform API keys: keys for the tenants API (/api/v1/tenants), minted by operators. The secret
// is shown once, in the dialog that creates it.
import type { Metadata } from "next";
import { BookOpen } from "lucide-react";

import { PlatformKeys } from "@/components/admin/platform-keys";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { keyStatus } from "@/components/workspace/api-keys/form-contract";
import { listPlatformKeys } from "@/lib/api-keys/keys";
import { PLATFORM_SCOPE_LIST, PLATFORM_SCOPES } from "@/lib/api-keys/scopes";
import { requestOrigin } from "@/lib/http/request";

import { createPlatformKeyAction, revokePlatformKeyAction } from "./actions";

export const metadata: Metadata = { title: "Platform API keys" };

export default async function PlatformKeysPage() {
  const keys = await listPlatformKeys();
  const origin = await requestOrigin();
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Platform API keys"
        description="Keys for the tenants API: they list, create, update and delete tenants across the platform. Treat them like an operator password."
        actions={
          <Button asChild variant="outline">
            {/* A plain link: /api/docs is a route handler, not an app page (no client navigation or prefetch). */}
            <a href="/api/docs">
              <BookOpen aria-hidden />
              API reference
            </a>
          </Button>
        }
      />
      <PlatformKeys
        keys={keys.map((key) => ({
          id: key.id,
          name: key.name,
          start: key.start,
          scopes: key.scopes,
          createdAt: key.createdAt,
          lastUsedAt: key.lastUsedAt,
          expiresAt: key.expiresAt,
          status: keyStatus(key, now),
        }))}
        now={now}
        origin={origin}
        scopes={PLATFORM_SCOPE_LIST.map((scope) => ({ scope, description: PLATFORM_SCOPES[scope].description }))}
        create={createPlatformKeyAction}
        revoke={revokePlatformKeyAction}
      />
    </>
  );
}
