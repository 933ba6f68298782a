"use client";

import * as React from "react";
import { Check, Copy } from "lucide-react";

import { Button, type ButtonProps } from "@/components/ui/button";

/** Copies `value` to the clipboard and says so (visibly and to screen readers). */
export function CopyButton({
  value,
  label = "Copy",
  ...props
}: { value: string; label?: string } & Omit<ButtonProps, "onClick" | "children">) {
  const [copied, setCopied] = React.useState<"yes" | "failed" | null>(null);
  const timer = React.useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  React.useEffect(() => () => clearTimeout(timer.current), []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setCopied(null), 2500);
  };

  return (
    <>
      <Button type="button" variant="outline" size="sm" onClick={copy} {...props}>
        {copied === "yes" ? <Check aria-hidden /> : <Copy aria-hidden />}
        {copied === "yes" ? "Copied" : label}
      </Button>
      <span role="status" className="sr-only">
        {copied === "yes"
          ? "Copied to the clipboard."
          : copied === "failed"
            ? "Copying failed; select the text and copy it."
            : ""}
      </span>
    </>
  );
}
