"use client";

import * as React from "react";
import type { ToasterProps } from "sonner";
import { onToasterRequested } from "./toaster-signal";

type Impl = React.ComponentType<ToasterProps>;

/**
 * The app's toaster, mounted once in the root layout. Sonner (and its styles) load with the first
 * toast (`toast` from ./toast), not with every page: most first visits never show one.
 */
export function Toaster(props: ToasterProps) {
  const [SonnerToaster, setSonnerToaster] = React.useState<Impl | null>(null);
  React.useEffect(
    () =>
      onToasterRequested(() => {
        import("./sonner-toaster").then(
          (m) => setSonnerToaster(() => m.SonnerToaster),
          (error: unknown) => console.error(error),
        );
      }),
    [],
  );
  return SonnerToaster ? <SonnerToaster {...props} /> : null;
}
