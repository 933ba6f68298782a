"use client";
// The "Change role" dialog of the members table, loaded when its button is first clicked
// (./members-table.tsx): Radix Dialog is not part of the members page's first download.
import * as React from "react";

import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Field, FormMessage } from "@/components/ui/field";
import { FieldSelect } from "@/components/ui/field-select";
import { SubmitButton } from "@/components/ui/submit-button";
import { useAction } from "@/components/actions/use-action";

import type { BoundAction } from "../action-types";
import type { MemberTableRow } from "./members-table";

/** Rendered already open: it replaces the button that was clicked (`trigger`, the same button). */
export function ChangeRoleDialog({
  member,
  who,
  action,
  trigger,
}: {
  member: MemberTableRow;
  who: string;
  action: BoundAction;
  trigger: React.ReactElement;
}) {
  const [open, setOpen] = React.useState(true);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Change role of {who}</DialogTitle>
          <DialogDescription>
            Currently {member.roleLabel}. The new role applies on their next page load.
          </DialogDescription>
        </DialogHeader>
        {open && <ChangeRoleForm member={member} action={action} onDone={() => setOpen(false)} />}
      </DialogContent>
    </Dialog>
  );
}

function ChangeRoleForm({
  member,
  action,
  onDone,
}: {
  member: MemberTableRow;
  action: BoundAction;
  onDone: () => void;
}) {
  const [role, setRole] = React.useState<string>(
    member.assignableRoles.some((r) => r.value === member.role)
      ? member.role
      : (member.assignableRoles[0]?.value ?? ""),
  );
  const { formAction, error } = useAction(action, { onSuccess: onDone });
  return (
    <form action={formAction} className="grid gap-4">
      <input type="hidden" name="userId" value={member.userId} />
      <Field label="Role" name="role" id={`role-${member.userId}`} error={error?.fieldErrors?.role}>
        {(field) => <FieldSelect field={field} options={member.assignableRoles} value={role} onValueChange={setRole} />}
      </Field>
      {error && !error.fieldErrors?.role && <FormMessage>{error.message}</FormMessage>}
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <SubmitButton pendingLabel="Saving…" disabled={role === member.role}>
          Save role
        </SubmitButton>
      </DialogFooter>
    </form>
  );
}
