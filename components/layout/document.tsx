// What both routers' documents share (app/layout.tsx and pages/_document.tsx): the inline theme
// script, the theme colours and icon, and the skip link.
import { THEME_SCRIPT } from "@/components/theme/theme-script";

export const APPLICATION_NAME = "Tessera";
export const FAVICON = { url: "/favicon.svg", type: "image/svg+xml" };
export const THEME_COLORS = [
  { media: "(prefers-color-scheme: light)", color: "#ffffff" },
  { media: "(prefers-color-scheme: dark)", color: "#09090b" },
];

/** Sets the theme class, color-scheme and data-theme on <html> before first paint (and hydration). */
export function ThemeScript() {
  return <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />;
}

/** The <head> tags a Pages Router page needs that the App Router's metadata gives the others. */
export function PagesDocumentHead() {
  return (
    <>
      <ThemeScript />
      <meta name="application-name" content={APPLICATION_NAME} />
      <link rel="icon" href={FAVICON.url} type={FAVICON.type} />
      {THEME_COLORS.map(({ media, color }) => (
        <meta key={media} name="theme-color" media={media} content={color} />
      ))}
    </>
  );
}

export function SkipLink() {
  return (
    <a
      href="#main"
      className="sr-only focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-100 focus:rounded-md focus:bg-background focus:px-4 focus:py-2 focus:text-sm focus:font-medium focus:text-foreground focus:shadow-lg"
    >
      Skip to content
    </a>
  );
}
