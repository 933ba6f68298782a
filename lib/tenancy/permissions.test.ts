import { describe, expect, it } from "vitest";

import type { Role } from "../db/generated/enums";
import { can, canAssignRole, RESOURCES, ROLE_LABELS, ROLE_PERMISSIONS, ROLES, type Permission } from "./permissions";

const ALL = Object.entries(RESOURCES).flatMap(([resource, actions]) =>
  actions.map((action) => `${resource}:${action}` as Permission),
);

const granted = (role: Role) => ALL.filter((permission) => can(role, permission)).sort();

describe("role × permission matrix", () => {
  it("has five roles with labels", () => {
    expect(ROLES).toEqual(["OWNER", "ADMIN", "BILLING", "MEMBER", "VIEWER"]);
    expect(Object.keys(ROLE_LABELS).sort()).toEqual([...ROLES].sort());
    expect(ALL).toHaveLength(24);
  });

  it("lets the owner do everything", () => {
    expect(granted("OWNER")).toEqual([...ALL].sort());
  });

  it("lets an admin do everything but delete the tenant or manage billing", () => {
    expect(ALL.filter((p) => !can("ADMIN", p)).sort()).toEqual(["billing:manage", "tenant:delete"]);
  });

  it("gives billing contacts billing and read access only", () => {
    expect(granted("BILLING")).toEqual(
      [
        "billing:manage",
        "billing:read",
        "dashboards:read",
        "files:read",
        "knowledge:read",
        "members:read",
        "settings:read",
        "tenant:read",
        "usage:read",
      ].sort(),
    );
  });

  it("lets members use assistants and dashboards but not administer", () => {
    expect(granted("MEMBER")).toEqual(
      [
        "assistants:use",
        "dashboards:manage",
        "dashboards:read",
        "files:read",
        "files:write",
        "knowledge:read",
        "knowledge:write",
        "members:read",
        "tenant:read",
        "usage:read",
      ].sort(),
    );
  });

  it("keeps viewers read-only", () => {
    expect(granted("VIEWER")).toEqual([
      "dashboards:read",
      "files:read",
      "knowledge:read",
      "members:read",
      "tenant:read",
      "usage:read",
    ]);
  });

  it.each([
    ["VIEWER", "members:invite", false],
    ["MEMBER", "members:invite", false],
    ["BILLING", "members:invite", false],
    ["ADMIN", "members:invite", true],
    ["BILLING", "billing:manage", true],
    ["ADMIN", "tenant:delete", false],
    ["OWNER", "tenant:delete", true],
    ["MEMBER", "apiKeys:manage", false],
    ["ADMIN", "apiKeys:manage", true],
    ["VIEWER", "assistants:use", false],
    ["BILLING", "audit:read", false],
    ["ADMIN", "audit:read", true],
    ["ADMIN", "branding:update", true],
    ["MEMBER", "settings:update", false],
  ] as const)("%s %s → %s", (role, permission, expected) => {
    expect(can(role, permission)).toBe(expected);
  });

  it("grants only permissions that exist", () => {
    for (const role of ROLES) for (const p of ROLE_PERMISSIONS[role]) expect(ALL).toContain(p);
  });
});

describe("canAssignRole", () => {
  it("never assigns OWNER directly (ownership moves by transfer)", () => {
    for (const actor of ROLES) expect(canAssignRole(actor, "OWNER"), actor).toBe(false);
  });

  it("lets the owner assign every other role", () => {
    for (const target of ["ADMIN", "BILLING", "MEMBER", "VIEWER"] as const)
      expect(canAssignRole("OWNER", target)).toBe(true);
  });

  it("lets an admin assign roles up to admin, never owner", () => {
    for (const target of ["ADMIN", "BILLING", "MEMBER", "VIEWER"] as const)
      expect(canAssignRole("ADMIN", target)).toBe(true);
    expect(canAssignRole("ADMIN", "OWNER")).toBe(false);
  });

  it("does not let billing, members or viewers assign any role", () => {
    for (const actor of ["BILLING", "MEMBER", "VIEWER"] as const) {
      for (const target of ROLES) expect(canAssignRole(actor, target), `${actor} → ${target}`).toBe(false);
    }
  });
});
