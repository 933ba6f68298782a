"use client";

import * as React from "react";
import { ArrowRightLeft, UserMinus, UserRoundCog } from "lucide-react";

import { createDataTableColumnHelper, DataTable } from "@/components/tables/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { onDemandTrigger, useOnDemand } from "@/components/ui/use-on-demand";
import type { Role } from "@/lib/db/generated/enums";
import { plural } from "@/lib/format";

import { IDLE, type BoundAction } from "../action-types";
import { notify } from "../notify";
import { Time } from "../time";

export interface MemberTableRow {
  userId: string;
  name: string | null;
  email: string;
  role: Role;
  roleLabel: string;
  joinedAt: Date;
  isYou: boolean;
  assignableRoles: { value: Role; label: string }[];
  canRemove: boolean;
  canTransferOwnership: boolean;
  /** Active API keys this member created: revoked on removal unless the remover takes them over. */
  activeKeys: number;
  /** The viewer may take those keys over (manages keys; every scope within the viewer's role). */
  canTakeOverKeys: boolean;
}

export interface MemberTableActions {
  changeRole: BoundAction;
  remove: BoundAction;
  transferOwnership: BoundAction;
}

const ActionsContext = React.createContext<MemberTableActions | null>(null);

const col = createDataTableColumnHelper<MemberTableRow>();
const displayName = (m: MemberTableRow) => m.name || m.email;

const columns = col.columns([
  col.accessor((m) => m.name ?? "", {
    id: "name",
    header: "Name",
    meta: { rowHeader: true },
    sortFn: "text",
    cell: ({ row }) => (
      <span className="flex items-center gap-2">
        {row.original.name || <span className="text-muted-foreground">—</span>}
        {row.original.isYou && <Badge variant="outline">You</Badge>}
      </span>
    ),
  }),
  col.accessor("email", {
    header: "Email",
    sortFn: "text",
    cell: ({ getValue }) => <span className="break-all">{getValue()}</span>,
  }),
  col.accessor("role", {
    header: "Role",
    filterFn: "equalsString",
    cell: ({ row }) => (
      <Badge variant={row.original.role === "OWNER" ? "default" : "secondary"}>{row.original.roleLabel}</Badge>
    ),
  }),
  col.accessor("joinedAt", {
    header: "Joined",
    sortFn: "datetime",
    cell: ({ getValue }) => <Time value={getValue()} className="tabular-nums" />,
  }),
  col.display({
    id: "actions",
    header: "Actions",
    meta: { srOnlyHeader: true, align: "end" },
    cell: ({ row }) => <RowActions member={row.original} />,
  }),
]);

export function MembersTable({ members, actions }: { members: MemberTableRow[]; actions: MemberTableActions }) {
  const roleOptions = React.useMemo(() => {
    const seen = new Map<string, string>();
    for (const m of members) seen.set(m.role, m.roleLabel);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [members]);

  return (
    <ActionsContext.Provider value={actions}>
      <DataTable
        label="Members"
        columns={columns}
        data={members}
        getRowId={(m) => m.userId}
        searchPlaceholder="Search name, email or role"
        filters={[{ columnId: "role", label: "Role", options: roleOptions }]}
        initialSorting={[{ id: "joinedAt", desc: false }]}
        emptyMessage="No members yet."
      />
    </ActionsContext.Provider>
  );
}

function RowActions({ member }: { member: MemberTableRow }) {
  const actions = React.useContext(ActionsContext);
  if (!actions) return null;
  const who = displayName(member);
  const any = member.assignableRoles.length > 0 || member.canTransferOwnership || member.canRemove;
  if (!any) return null;
  return (
    <div className="flex flex-wrap justify-end gap-1">
      {member.assignableRoles.length > 0 && <ChangeRole member={member} action={actions.changeRole} />}
      {member.canTransferOwnership && (
        <ConfirmDialog
          trigger={
            <Button variant="ghost" size="sm" aria-label={`Transfer ownership to ${who}`}>
              <ArrowRightLeft aria-hidden />
              Transfer
            </Button>
          }
          title={`Transfer ownership to ${who}?`}
          description={
            <>
              {who} becomes the owner of this workspace, with full control including billing and deletion. You become an
              admin. Only the new owner can undo this.
            </>
          }
          confirmLabel="Transfer ownership"
          pendingLabel="Transferring…"
          fields={{ userId: member.userId }}
          action={async (form) => {
            notify(await actions.transferOwnership(IDLE, form));
          }}
        />
      )}
      {member.canRemove && (
        <ConfirmDialog
          trigger={
            <Button
              variant="ghost"
              size="sm"
              className="text-destructive hover:text-destructive"
              aria-label={`Remove ${who}`}
            >
              <UserMinus aria-hidden />
              Remove
            </Button>
          }
          title={`Remove ${who}?`}
          description={<>{who} loses access to this workspace immediately. You can invite them again later.</>}
          confirmLabel="Remove member"
          pendingLabel="Removing…"
          variant="destructive"
          fields={{ userId: member.userId }}
          action={async (form) => {
            notify(await actions.remove(IDLE, form));
          }}
        >
          {member.activeKeys > 0 && <DepartingKeysChoice member={member} />}
        </ConfirmDialog>
      )}
    </div>
  );
}

/** What happens to the API keys of a member being removed: revoked (the default) or taken over. */
function DepartingKeysChoice({ member }: { member: MemberTableRow }) {
  const who = displayName(member);
  const keys = plural(member.activeKeys, "active API key");
  if (!member.canTakeOverKeys) {
    return (
      <p className="text-sm" data-testid="remove-keys-note">
        {who} created {keys}. {member.activeKeys === 1 ? "It is" : "They are"} revoked with the removal: integrations
        using {member.activeKeys === 1 ? "it" : "them"} stop working at once.
        <input type="hidden" name="keys" value="revoke" />
      </p>
    );
  }
  return (
    <fieldset className="grid gap-2 text-sm" data-testid="remove-keys-choice">
      <legend className="mb-1 font-medium">
        {who} created {keys}
      </legend>
      <label className="flex items-start gap-2">
        <input type="radio" name="keys" value="revoke" defaultChecked className="mt-1" />
        <span>
          <span className="font-medium">Revoke them</span>: integrations using them stop working at once.
        </span>
      </label>
      <label className="flex items-start gap-2">
        <input type="radio" name="keys" value="transfer" className="mt-1" />
        <span>
          <span className="font-medium">Keep them working, owned by you</span>: you answer for them from now on.
        </span>
      </label>
    </fieldset>
  );
}

const loadChangeRole = () => import("./change-role-dialog").then((m) => m.ChangeRoleDialog);

/** "Change role": the dialog (Radix) loads on first use; until then the button opens it. */
function ChangeRole({ member, action }: { member: MemberTableRow; action: BoundAction }) {
  const { Component: Dialog, prefetch, open } = useOnDemand(loadChangeRole);
  const who = displayName(member);
  const trigger = (
    <Button variant="ghost" size="sm" aria-label={`Change role of ${who}`}>
      <UserRoundCog aria-hidden />
      Change role
    </Button>
  );
  if (Dialog) return <Dialog member={member} who={who} action={action} trigger={trigger} />;
  return onDemandTrigger(trigger, prefetch, open);
}
