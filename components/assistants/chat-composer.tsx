"use client";
// The question box (Enter sends, Shift+Enter breaks the line) with Send, Stop and Regenerate.
import * as React from "react";
import { RefreshCw, Square } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";

export function ChatComposer({
  busy,
  canRegenerate,
  onSend,
  onStop,
  onRegenerate,
  placeholder = "Ask about your workspace… (Enter to send, Shift+Enter for a new line)",
}: {
  busy: boolean;
  canRegenerate: boolean;
  onSend: (text: string) => void;
  onStop: () => void;
  onRegenerate: () => void;
  placeholder?: string;
}) {
  const [input, setInput] = React.useState("");
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const text = input.trim();
    if (!text || busy) return;
    setInput("");
    onSend(text);
  };
  return (
    <form onSubmit={submit} className="grid gap-2">
      <Label htmlFor="assistant-input" className="sr-only">
        Your question
      </Label>
      <Textarea
        id="assistant-input"
        value={input}
        placeholder={placeholder}
        onChange={(e) => setInput(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey) submit(e);
        }}
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={busy || !input.trim()}>
          Send
        </Button>
        {busy && (
          <Button type="button" variant="outline" onClick={onStop}>
            <Square aria-hidden /> Stop
          </Button>
        )}
        {!busy && canRegenerate && (
          <Button type="button" variant="outline" onClick={onRegenerate}>
            <RefreshCw aria-hidden /> Regenerate
          </Button>
        )}
      </div>
    </form>
  );
}
