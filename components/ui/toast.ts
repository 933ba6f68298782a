"use client";

import type { ExternalToast } from "sonner";
import { requestToaster } from "./toaster-signal";

type Show = (message: string, options?: ExternalToast) => void;
type Kind = "message" | "success" | "error" | "warning" | "info";

/**
 * Sonner's toasts, with Sonner itself loaded by the first one: `toast(message)`, `toast.success`,
 * `toast.error`, `toast.warning`, `toast.info` (Sonner's signatures, returning nothing). The call
 * also has the root layout mount its Toaster; Sonner replays the toasts already raised when the
 * Toaster subscribes, so none is lost, and calls keep their order (one import, chained). Importing
 * `sonner` statically here put its ≈ 11 kB on every page with a form (components/actions/use-action.ts).
 */
let sonner: Promise<typeof import("sonner")> | undefined;

function show(kind: Kind): Show {
  return (message, options) => {
    requestToaster();
    sonner ??= import("sonner");
    sonner.then(
      ({ toast }) => (kind === "message" ? toast(message, options) : toast[kind](message, options)),
      (error: unknown) => console.error(error),
    );
  };
}

export const toast: Show & Record<Exclude<Kind, "message">, Show> = Object.assign(show("message"), {
  success: show("success"),
  error: show("error"),
  warning: show("warning"),
  info: show("info"),
});
