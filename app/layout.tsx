import type { Metadata, Viewport } from "next";
import { APPLICATION_NAME, FAVICON, SkipLink, THEME_COLORS, ThemeScript } from "@/components/layout/document";
import { Toaster } from "@/components/ui/toaster";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Tessera", template: "%s · Tessera" },
  description:
    "Open-source multi-tenant SaaS platform: tenant workspaces, Stripe and PayPal billing, usage limits, AI assistants, analytics and observability.",
  applicationName: APPLICATION_NAME,
  icons: { icon: FAVICON },
};

export const viewport: Viewport = { themeColor: THEME_COLORS };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    // The inline theme script sets the theme class, color-scheme and data-theme on <html> before
    // first paint (and hydration): no client component is needed for the theme.
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript />
      </head>
      <body>
        <SkipLink />
        {children}
        <Toaster />
      </body>
    </html>
  );
}
