// The platform operator's finance assistant: ask about the platform's revenue (MRR, ARR, paying
// workspaces, MRR movements) and see the answer stream with its tool cards and confidence. The
// chat calls POST /api/v1/ai-assistants/operator/chat with the operator's session; nothing is
// stored, so the history lives in this browser tab only (lib/assistants/operator.ts says why).
import type { Metadata } from "next";

import { OperatorAssistant } from "@/components/assistants/operator-assistant";
import { PageHeader } from "@/components/ui/page-header";
import { OPERATOR_AGENT_NAME } from "@/lib/assistants/operator";
import { currentEngine } from "@/lib/assistants/providers";
import { requireOperator } from "@/lib/http/session";

export const metadata: Metadata = { title: "Assistant" };

export default async function OperatorAssistantPage() {
  await requireOperator();
  const engine = currentEngine(null);
  return (
    <>
      <PageHeader
        title="Assistant"
        description={`${OPERATOR_AGENT_NAME}: answers about the platform's revenue from the revenue report.`}
      />
      <p className="rounded-md border bg-muted/40 px-3 py-2 text-sm text-muted-foreground" data-testid="not-saved">
        Not saved: this conversation lives in this browser tab only. Reloading or closing the page forgets it, and
        platform revenue never lands in a workspace.
      </p>
      <OperatorAssistant engineLabel={engine.label} />
    </>
  );
}
