"use client";

import { Plus } from "lucide-react";

import type { CreatedTenantResult } from "@/app/admin/actions";
import { Button } from "@/components/ui/button";
import { onDemandTrigger, useOnDemand } from "@/components/ui/use-on-demand";
import type { BoundAction } from "@/components/workspace/action-types";

const loadDialog = () => import("./create-tenant-dialog-content").then((m) => m.CreateTenantDialogContent);

/** "Create tenant": the dialog loads on first use (./create-tenant-dialog-content.tsx); until then the button opens it. */
export function CreateTenantDialog({ action }: { action: BoundAction<CreatedTenantResult> }) {
  const { Component: Dialog, prefetch, open } = useOnDemand(loadDialog);
  const trigger = (
    <Button>
      <Plus aria-hidden />
      Create tenant
    </Button>
  );
  if (Dialog) return <Dialog action={action} trigger={trigger} />;
  return onDemandTrigger(trigger, prefetch, open);
}
