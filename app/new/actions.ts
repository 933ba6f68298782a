"use server";

import { redirect } from "next/navigation";
import type { z } from "zod";

import { actionSubject, withAbuseLimit } from "@/lib/http/abuse-limits";
import { userAction, type ActionState } from "@/lib/http/action";
import type { createTenantSchema } from "@/lib/tenancy/schemas";
import { createTenant } from "@/lib/tenancy/tenants";

export type NewWorkspaceValues = { name: string; slug: string; trialTier: string };

/** The action state plus the submitted values and a counter (the form remounts with them after each try). */
export type NewWorkspaceState = ActionState & { values?: NewWorkspaceValues; attempt?: number };

type TrialTier = z.input<typeof createTenantSchema>["trialTier"];

const create = userAction("workspace.create", async (user, input) => {
  const tenant = await withAbuseLimit("workspace_create", await actionSubject(user.id), () =>
    createTenant(
      // createTenant validates every field (createTenantSchema); an unknown tier is a field error.
      { name: input.name ?? "", slug: input.slug ?? "", trialTier: (input.trialTier || undefined) as TrialTier },
      { id: user.id, email: user.email },
    ),
  );
  redirect(`/t/${tenant.slug}`);
});

/** Creates a workspace owned by the signed-in user (fields: name, slug, trialTier) and opens it. */
export async function createWorkspaceAction(prev: NewWorkspaceState, form: FormData): Promise<NewWorkspaceState> {
  const state = await create(prev, form);
  const value = (key: string) => {
    const v = form.get(key);
    return typeof v === "string" ? v.slice(0, 200) : "";
  };
  return {
    ...state,
    values: { name: value("name"), slug: value("slug"), trialTier: value("trialTier") },
    attempt: (prev.attempt ?? 0) + 1,
  };
}
