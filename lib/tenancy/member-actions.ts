// Which member-management actions a viewer may take on a row of the members table. The UI uses
// this to show only permitted controls; lib/lifecycle/members.ts enforces the same rules on the
// server (keep the two in step: owners act on anyone else, admins on non-owners, ownership
// moves only by transfer, nobody changes or removes themselves).
import type { Role } from "../db/generated/enums";
import { can, canAssignRole, mayManage, ROLES } from "./permissions";

export interface MemberActionSet {
  /** Roles the viewer may switch this member to (empty: no role change). */
  assignableRoles: Role[];
  canRemove: boolean;
  canTransferOwnership: boolean;
  /** The viewer's own row, when they may leave (owners must transfer first). */
  canLeave: boolean;
}

export function memberActionsFor(
  viewer: { userId: string; role: Role },
  target: { userId: string; role: Role },
): MemberActionSet {
  const self = viewer.userId === target.userId;
  const manage = !self && mayManage(viewer.role, target.role);
  return {
    assignableRoles:
      manage && can(viewer.role, "members:update") ? ROLES.filter((role) => canAssignRole(viewer.role, role)) : [],
    canRemove: manage && can(viewer.role, "members:remove"),
    canTransferOwnership: !self && viewer.role === "OWNER",
    canLeave: self && viewer.role !== "OWNER",
  };
}

/** Roles the viewer may give in an invitation (never OWNER). */
export function invitableRoles(viewer: Role): Role[] {
  return can(viewer, "members:invite") ? ROLES.filter((role) => canAssignRole(viewer, role)) : [];
}
