// The conversation and agent the workspace chat's next request names: the page sets them, the
// chat's transport (chat-drivers.tsx) reads them when a request is sent (not React state: the
// transport outlives renders).
export class ChatSession {
  constructor(
    public conversationId: string | null,
    public target: string,
  ) {}
  setConversation(id: string | null) {
    this.conversationId = id;
  }
  setTarget(target: string) {
    this.target = target;
  }
}
