"use client";

import * as React from "react";
import { Check, Copy } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** A read-only value (an invitation link) with a copy button that announces its result. */
export function CopyField({
  label,
  value,
  description,
}: {
  label: string;
  value: string;
  description?: React.ReactNode;
}) {
  const id = React.useId();
  const inputRef = React.useRef<HTMLInputElement>(null);
  const [status, setStatus] = React.useState<"idle" | "copied" | "failed">("idle");

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setStatus("copied");
    } catch {
      // Clipboard API unavailable (insecure context): select the text for a manual copy.
      inputRef.current?.select();
      setStatus("failed");
    }
  }

  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <div className="flex gap-2">
        <Input
          ref={inputRef}
          id={id}
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
          className="font-mono text-xs"
          aria-describedby={description ? `${id}-description` : undefined}
        />
        <Button type="button" variant="outline" onClick={copy}>
          {status === "copied" ? <Check aria-hidden /> : <Copy aria-hidden />}
          {status === "copied" ? "Copied" : "Copy"}
        </Button>
      </div>
      {description && (
        <p id={`${id}-description`} className="text-sm text-muted-foreground">
          {description}
        </p>
      )}
      <p aria-live="polite" className="sr-only">
        {status === "copied"
          ? "Link copied to the clipboard."
          : status === "failed"
            ? "Copying failed; the link is selected, press Control+C to copy it."
            : ""}
      </p>
    </div>
  );
}
