"use client";

import * as React from "react";
import { Ban } from "lucide-react";

import { createDataTableColumnHelper, DataTable } from "@/components/tables/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

import type { ApiKeyRow, KeyStatus } from "@/lib/api-keys/status";
import { plural } from "@/lib/format";

import { IDLE, type BoundAction } from "../action-types";
import { notify } from "../notify";
import { Time } from "../time";
import { KEY_STATUS_LABELS, type IssuedKey } from "@/lib/api-keys/form-contract";
import { RelativeTime } from "./relative-time";
import { RollKeyButton, RollKeyDialog, useRollDialog, type RollStarter } from "./roll-key-dialog";

export interface ApiKeyTableActions {
  revoke?: BoundAction;
  /** Omit to offer no "Roll" (platform keys). */
  roll?: BoundAction<IssuedKey>;
  /** For the curl example in the show-once panel after a roll. */
  origin: string;
}

const STATUS_VARIANT = { active: "success", expired: "warning", revoked: "secondary" } as const;

const ActionsContext = React.createContext<(ApiKeyTableActions & { startRoll: RollStarter }) | null>(null);
const NowContext = React.createContext<Date>(new Date(0));

const col = createDataTableColumnHelper<ApiKeyRow>();
const NEVER = Number.MAX_SAFE_INTEGER;

const baseColumns = [
  // The key's visible start sits under its name (and takes part in the search).
  col.accessor((key) => `${key.name} ${key.start}`, {
    id: "name",
    header: "Name",
    meta: { rowHeader: true },
    sortFn: "text",
    cell: ({ row }) => (
      <span className="grid gap-0.5">
        <span className="font-medium">{row.original.name}</span>
        <code className="font-mono text-xs font-normal whitespace-nowrap text-muted-foreground">
          {row.original.start}…
        </code>
      </span>
    ),
  }),
  col.accessor((key) => key.scopes.join(" "), {
    id: "scopes",
    header: "Scopes",
    enableSorting: false,
    cell: ({ row }) => (
      <ul className="flex max-w-64 min-w-32 flex-wrap gap-1" aria-label={plural(row.original.scopes.length, "scope")}>
        {row.original.scopes.map((scope) => (
          <li key={scope}>
            <Badge variant="outline" className="font-mono font-normal">
              {scope}
            </Badge>
          </li>
        ))}
      </ul>
    ),
  }),
  col.accessor("createdAt", {
    header: "Created",
    sortFn: "datetime",
    enableGlobalFilter: false,
    cell: ({ getValue }) => <Time value={getValue()} className="whitespace-nowrap tabular-nums" />,
  }),
  col.accessor((key) => key.lastUsedAt?.getTime() ?? 0, {
    id: "lastUsedAt",
    header: "Last used",
    sortFn: "basic",
    enableGlobalFilter: false,
    cell: ({ row }) => <LastUsed value={row.original.lastUsedAt} />,
  }),
  col.accessor((key) => key.expiresAt?.getTime() ?? NEVER, {
    id: "expiresAt",
    header: "Expires",
    sortFn: "basic",
    enableGlobalFilter: false,
    cell: ({ row }) => <Expires value={row.original.expiresAt} />,
  }),
  col.accessor("status", {
    header: "Status",
    filterFn: "equalsString",
    enableGlobalFilter: false,
    cell: ({ getValue }) => <Badge variant={STATUS_VARIANT[getValue()]}>{KEY_STATUS_LABELS[getValue()]}</Badge>,
  }),
];

const readOnlyColumns = col.columns(baseColumns);
const manageColumns = col.columns([
  ...baseColumns,
  col.display({
    id: "actions",
    header: "Actions",
    meta: { srOnlyHeader: true, align: "end" },
    cell: ({ row }) => <RowActions apiKey={row.original} />,
  }),
]);

const STATUS_OPTIONS = (Object.keys(KEY_STATUS_LABELS) as KeyStatus[]).map((value) => ({
  value,
  label: KEY_STATUS_LABELS[value],
}));

/** The keys of a workspace (or the platform): sortable, searchable, filterable by status. */
export function ApiKeysTable({
  keys,
  now,
  actions,
  label = "API keys",
}: {
  keys: ApiKeyRow[];
  /** The server's render time: "last used" is relative to it, so hydration matches. */
  now: Date;
  actions?: ApiKeyTableActions;
  label?: string;
}) {
  const manage = Boolean(actions?.revoke || actions?.roll);
  const roll = useRollDialog();
  const { start } = roll;
  const context = React.useMemo(() => (actions ? { ...actions, startRoll: start } : null), [actions, start]);
  return (
    <NowContext.Provider value={now}>
      <ActionsContext.Provider value={context}>
        <DataTable
          label={label}
          columns={manage ? manageColumns : readOnlyColumns}
          data={keys}
          getRowId={(key) => key.id}
          searchPlaceholder="Search name, key or scope"
          filters={[{ columnId: "status", label: "Status", options: STATUS_OPTIONS }]}
          initialSorting={[{ id: "createdAt", desc: true }]}
          emptyMessage="No API keys yet."
          // Let the table scroll inside its region instead of widening the page.
          className="min-w-0 [&>*]:min-w-0"
        />
        {actions?.roll && <RollKeyDialog dialog={roll} action={actions.roll} origin={actions.origin} />}
      </ActionsContext.Provider>
    </NowContext.Provider>
  );
}

const SOON_MS = 2 * 86_400_000;

/** The expiry date; with the time when it is near (a rolled key's grace period ends within hours). */
function Expires({ value }: { value: Date | null }) {
  const now = React.useContext(NowContext);
  if (!value) return <span className="text-muted-foreground">Never</span>;
  const soon = value.getTime() - now.getTime() < SOON_MS;
  return <Time value={value} withTime={soon} className="tabular-nums" />;
}

function LastUsed({ value }: { value: Date | null }) {
  const now = React.useContext(NowContext);
  if (!value) return <span className="text-muted-foreground">Never</span>;
  return <RelativeTime value={value} now={now} className="whitespace-nowrap" />;
}

function RowActions({ apiKey }: { apiKey: ApiKeyRow }) {
  const actions = React.useContext(ActionsContext);
  if (!actions || apiKey.status !== "active") return null;
  const { revoke, roll } = actions;
  return (
    <div className="flex justify-end gap-1">
      {roll && <RollKeyButton apiKey={apiKey} onRoll={actions.startRoll} />}
      {revoke && (
        <ConfirmDialog
          trigger={
            <Button
              variant="ghost"
              size="sm"
              className="text-destructive hover:text-destructive"
              aria-label={`Revoke ${apiKey.name}`}
            >
              <Ban aria-hidden />
              Revoke
            </Button>
          }
          title={`Revoke “${apiKey.name}”?`}
          description={
            <>
              Every request with the key starting <span className="font-mono">{apiKey.start}…</span> is refused from now
              on (401 Unauthorized). This cannot be undone; create a new key if you need one.
            </>
          }
          confirmLabel="Revoke key"
          pendingLabel="Revoking…"
          variant="destructive"
          fields={{ keyId: apiKey.id }}
          action={async (form) => {
            notify(await revoke(IDLE, form));
          }}
        />
      )}
    </div>
  );
}
