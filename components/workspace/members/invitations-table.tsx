"use client";

import * as React from "react";
import { X } from "lucide-react";

import { createDataTableColumnHelper, DataTable } from "@/components/tables/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

import { IDLE, type BoundAction } from "../action-types";
import { Time } from "../time";
import { notify } from "../notify";

export interface InvitationTableRow {
  id: string;
  email: string;
  roleLabel: string;
  createdAt: Date;
  expiresAt: Date;
}

const col = createDataTableColumnHelper<InvitationTableRow>();

function columnsFor(revoke: BoundAction | null) {
  return col.columns([
    col.accessor("email", { header: "Email", meta: { rowHeader: true }, sortFn: "text" }),
    col.accessor("roleLabel", {
      header: "Role",
      cell: ({ getValue }) => <Badge variant="secondary">{getValue()}</Badge>,
    }),
    col.accessor("createdAt", {
      header: "Invited",
      sortFn: "datetime",
      cell: ({ getValue }) => <Time value={getValue()} />,
    }),
    col.accessor("expiresAt", {
      header: "Expires",
      sortFn: "datetime",
      cell: ({ getValue }) => <Time value={getValue()} />,
    }),
    ...(revoke
      ? [
          col.display({
            id: "actions",
            header: "Actions",
            meta: { srOnlyHeader: true, align: "end" },
            cell: ({ row }) => (
              <ConfirmDialog
                trigger={
                  <Button variant="ghost" size="sm" aria-label={`Revoke invitation for ${row.original.email}`}>
                    <X aria-hidden />
                    Revoke
                  </Button>
                }
                title={`Revoke the invitation for ${row.original.email}?`}
                description="The invitation link stops working at once. The seat it held is freed."
                confirmLabel="Revoke invitation"
                pendingLabel="Revoking…"
                variant="destructive"
                fields={{ invitationId: row.original.id }}
                action={async (form) => {
                  notify(await revoke(IDLE, form));
                }}
              />
            ),
          }),
        ]
      : []),
  ]);
}

const readOnlyColumns = columnsFor(null);

export function InvitationsTable({ invitations, revoke }: { invitations: InvitationTableRow[]; revoke?: BoundAction }) {
  const columns = React.useMemo(() => (revoke ? columnsFor(revoke) : readOnlyColumns), [revoke]);
  return (
    <DataTable
      label="Pending invitations"
      columns={columns}
      data={invitations}
      getRowId={(i) => i.id}
      searchable={invitations.length > 5}
      searchPlaceholder="Search invitations"
      initialSorting={[{ id: "createdAt", desc: true }]}
      pageSize={5}
      pageSizeOptions={[5, 10, 25]}
      emptyMessage="No pending invitations."
    />
  );
}
