import type { Metadata } from "next";
import Link from "next/link";

import { AccountFrame } from "@/components/auth/account-frame";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireUser } from "@/lib/http/session";
import { DEFAULT_TRIAL_TIER, TIER_DEFINITIONS, TRIAL_DAYS, formatLimit } from "@/lib/tenancy/tiers";

import { NewWorkspaceForm, type TrialOption } from "./new-workspace-form";

export const metadata: Metadata = { title: "Create a workspace" };

const TRIAL_TIERS = ["STARTER", "PROFESSIONAL", "ENTERPRISE", "WHITE_LABEL"] as const;

export default async function NewWorkspacePage() {
  const user = await requireUser("/new");
  const trialOptions: TrialOption[] = TRIAL_TIERS.map((tier) => {
    const definition = TIER_DEFINITIONS[tier];
    const users =
      definition.limits.users === null ? "unlimited users" : `${formatLimit(definition.limits.users)} users`;
    return { value: tier, label: definition.label, summary: `${users}, ${definition.featureSummary}` };
  });

  return (
    <AccountFrame user={user} width="narrow">
      <Card>
        <CardHeader>
          <CardTitle as="h1" className="text-2xl">
            Create a workspace
          </CardTitle>
          <CardDescription>
            A workspace holds your team, dashboards, assistants and billing. You&apos;ll be its owner, and the{" "}
            {TRIAL_DAYS}-day trial starts today.{" "}
            <Link href="/pricing" className="text-primary underline underline-offset-4">
              Compare plans
            </Link>
          </CardDescription>
        </CardHeader>
        <CardContent>
          <NewWorkspaceForm trialOptions={trialOptions} defaultTrialTier={DEFAULT_TRIAL_TIER} />
        </CardContent>
      </Card>
    </AccountFrame>
  );
}
