"use client";

import type { BoundAction } from "@/components/workspace/action-types";
import { ApiKeysTable } from "@/components/workspace/api-keys/api-keys-table";
import { CreateKeyDialog } from "@/components/workspace/api-keys/create-key-dialog";
import type { IssuedKey, ScopeOption } from "@/lib/api-keys/form-contract";
import type { ApiKeyRow } from "@/lib/api-keys/status";

/** The platform keys list with "Mint key" (show-once secret) and per-row "Revoke". */
export function PlatformKeys({
  keys,
  now,
  origin,
  scopes,
  create,
  revoke,
}: {
  keys: ApiKeyRow[];
  now: Date;
  origin: string;
  scopes: ScopeOption[];
  create: BoundAction<IssuedKey>;
  revoke: BoundAction<unknown>;
}) {
  return (
    <div className="grid min-w-0 gap-3">
      <div className="flex justify-end">
        <CreateKeyDialog
          action={create}
          scopes={scopes}
          origin={origin}
          title="Mint a platform key"
          description="A platform key acts on every tenant through the tenants API, within the scopes you choose."
          triggerLabel="Mint key"
        />
      </div>
      <ApiKeysTable keys={keys} now={now} label="Platform API keys" actions={{ revoke, origin }} />
    </div>
  );
}
