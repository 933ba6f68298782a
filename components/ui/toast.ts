"use client";

import { toast as sonnerToast } from "sonner";
import { requestToaster } from "./toaster-signal";

/**
 * Sonner's `toast` (same API), which also has the root layout mount its Toaster on first use.
 * Sonner replays the toasts already shown when the Toaster subscribes, so none is lost.
 */
export const toast: typeof sonnerToast = new Proxy(sonnerToast, {
  apply(target, thisArg, args) {
    requestToaster();
    return Reflect.apply(target, thisArg, args) as unknown;
  },
  get(target, property, receiver) {
    const value: unknown = Reflect.get(target, property, receiver);
    if (typeof value !== "function") return value;
    return (...args: unknown[]) => {
      requestToaster();
      return Reflect.apply(value, target, args) as unknown;
    };
  },
});
