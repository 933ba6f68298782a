"use client";

import * as React from "react";
import { ThemeProvider as NextThemesProvider } from "next-themes";

type Props = Omit<React.ComponentProps<typeof NextThemesProvider>, "attribute">;

/*
 * next-themes renders an inline <script> that sets the theme class before first paint. It only
 * needs to run from the server HTML; if the provider ever mounts on the client (an error
 * boundary remount), React 19 warns about rendering a <script>. A non-JavaScript `type` on the
 * client copy keeps it inert and silences that warning; the server copy stays executable.
 */
const scriptProps = typeof window === "undefined" ? undefined : ({ type: "application/json" } as const);

/** Class-based dark mode (`.dark` on <html>), following the OS by default. */
export function ThemeProvider({ children, ...props }: Props) {
  return (
    <NextThemesProvider
      attribute="class"
      defaultTheme="system"
      enableSystem
      disableTransitionOnChange
      scriptProps={scriptProps}
      {...props}
    >
      {children}
    </NextThemesProvider>
  );
}
