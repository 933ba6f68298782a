"use server";
// The operator console's server actions. Each is a public endpoint: operatorAction signs the
// caller in, answers 404-style for non-operators, turns errors into form state and revalidates
// /admin. Business rules live in lib/lifecycle/tenants.ts.
import { z } from "zod";

import { setTenantAcquisitionChannel } from "@/lib/analytics/acquisition";
import { formatDate } from "@/lib/format";
import { operatorAction, type FormInput } from "@/lib/http/action";
import { parseInput } from "@/lib/errors";
import { requestOrigin } from "@/lib/http/request";
import {
  adminChangeTier,
  adminCreateTenant,
  adminDeleteTenant,
  adminExtendTrial,
  adminReactivateTenant,
  adminSuspendTenant,
  adminUpdateTenant,
  purgeDeletedTenants,
  type adminCreateTenantSchema,
  type extendTrialSchema,
} from "@/lib/lifecycle/tenants";
import { TIER_DEFINITIONS } from "@/lib/tenancy/tiers";

const targetSchema = z.object({ tenantId: z.string().trim().min(1, "No tenant given.").max(64) });

function tenantIdOf(input: FormInput): string {
  return parseInput(targetSchema, input).tenantId;
}

export interface CreatedTenantResult {
  id: string;
  name: string;
  slug: string;
  invitation: { email: string; link: string; expiresAt: string; emailed: boolean } | null;
}

export const createTenantAction = operatorAction<CreatedTenantResult>("admin.createTenant", async (operator, input) => {
  // A checkbox is absent from the form when unchecked: absent means no trial.
  const trial = input.trial === "on" || input.trial === "true" ? "true" : "false";
  const { tenant, invitation } = await adminCreateTenant(
    operator,
    { ...input, trial } as z.input<typeof adminCreateTenantSchema>,
    { baseUrl: await requestOrigin() },
  );
  return {
    message: invitation
      ? `${tenant.name} was created. Send the owner invitation to ${invitation.email}.`
      : `${tenant.name} was created.`,
    data: {
      id: tenant.id,
      name: tenant.name,
      slug: tenant.slug,
      invitation: invitation
        ? {
            email: invitation.email,
            link: invitation.link,
            expiresAt: invitation.expiresAt.toISOString(),
            emailed: invitation.emailed,
          }
        : null,
    },
  };
});

export const updateTenantAction = operatorAction("admin.updateTenant", async (operator, input) => {
  const tenant = await adminUpdateTenant(operator, tenantIdOf(input), {
    name: input.name ?? "",
    slug: input.slug ?? "",
  });
  return { message: `Saved ${tenant.name}.` };
});

export const changeTierAction = operatorAction("admin.changeTier", async (operator, input) => {
  const tenant = await adminChangeTier(operator, tenantIdOf(input), { tier: input.tier });
  return { message: `${tenant.name} is now on the ${TIER_DEFINITIONS[tenant.tier].label} tier.` };
});

export const extendTrialAction = operatorAction("admin.extendTrial", async (operator, input) => {
  // Validated by extendTrialSchema in lib; an empty tier keeps the current trial tier.
  const tenant = await adminExtendTrial(operator, tenantIdOf(input), {
    days: input.days,
    tier: input.tier || undefined,
  } as z.input<typeof extendTrialSchema>);
  return {
    message: `The trial of ${tenant.name} now runs until ${tenant.trialEndsAt ? formatDate(tenant.trialEndsAt) : "—"}.`,
  };
});

export const suspendTenantAction = operatorAction("admin.suspendTenant", async (operator, input) => {
  const tenant = await adminSuspendTenant(operator, tenantIdOf(input), { reason: input.reason ?? "" });
  return { message: `${tenant.name} is suspended.` };
});

export const reactivateTenantAction = operatorAction("admin.reactivateTenant", async (operator, input) => {
  const tenant = await adminReactivateTenant(operator, tenantIdOf(input));
  return { message: `${tenant.name} is active again.` };
});

export const deleteTenantAction = operatorAction("admin.deleteTenant", async (operator, input) => {
  const tenant = await adminDeleteTenant(operator, tenantIdOf(input));
  const until = tenant.purgeAfter ? ` It can be restored until ${formatDate(tenant.purgeAfter)}.` : "";
  return { message: `${tenant.name} is deleted.${until}` };
});

export const purgeDeletedTenantsAction = operatorAction<{ purged: number }>("admin.purgeDeletedTenants", async () => {
  const purged = await purgeDeletedTenants();
  return {
    message:
      purged === 0
        ? "No deleted tenant was past its grace period."
        : `Purged ${purged} tenant${purged === 1 ? "" : "s"}.`,
    data: { purged },
  };
});

export const setAcquisitionChannelAction = operatorAction("admin.setAcquisitionChannel", async (operator, input) => {
  const tenant = await setTenantAcquisitionChannel(operator, tenantIdOf(input), { channel: input.channel ?? "" });
  return {
    message: tenant.channel
      ? `${tenant.name} came through the “${tenant.channel}” channel.`
      : `${tenant.name} has no acquisition channel.`,
  };
});
