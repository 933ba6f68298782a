"use client";

import * as React from "react";
import { Plus } from "lucide-react";

import { Button } from "@/components/ui/button";
import { onDemandTrigger, useOnDemand } from "@/components/ui/use-on-demand";

import type { CreateKeyDialogProps } from "./create-key-dialog-content";

const loadDialog = () => import("./create-key-dialog-content").then((m) => m.CreateKeyDialogContent);

/**
 * "Create key": name, scopes (only those offered, grouped, each with its description) and
 * expiry; on success the dialog turns into the show-once secret panel. The dialog loads on first
 * use (./create-key-dialog-content.tsx); until then the button opens it.
 */
export function CreateKeyDialog(props: CreateKeyDialogProps) {
  const { Component: Dialog, prefetch, open } = useOnDemand(loadDialog);
  const trigger = (
    <Button>
      <Plus aria-hidden />
      {props.triggerLabel ?? "Create key"}
    </Button>
  );
  if (Dialog) return <Dialog {...props} trigger={trigger} />;
  return onDemandTrigger(trigger, prefetch, open);
}
