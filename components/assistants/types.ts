// Shapes shared by the assistants page's client components.
import type { UIMessage } from "ai";

/** What the server attaches to an answer (see MessageMetadata in lib/assistants/chat.ts). */
export interface Metadata {
  engine?: string;
  offline?: boolean;
  agent?: string;
  inputTokens?: number;
  outputTokens?: number;
}
export type Msg = UIMessage<Metadata>;

export interface AssistantsWorkspaceProps {
  slug: string;
  canManage: boolean;
  engineLabel: string;
  domains: { domain: string; label: string; description: string }[];
  agents: { id: string; name: string; domain: string; model: string | null }[];
  conversations: { id: string; title: string; updatedAt: string; tokens: number }[];
  open: {
    id: string;
    agentId: string | null;
    domain: string;
    messages: { id: string; role: Msg["role"]; parts: Msg["parts"]; metadata: { engine: string | null } }[];
  } | null;
  atLimit: boolean;
}
