// The public help centre's frame (pages/help/…): a theme menu, the page, "Powered by Tessera";
// nothing of the app. These are Pages Router pages that send no JavaScript
// (`unstable_runtimeJS: false`), like the landing page: the theme menu is the public pages'
// <details> (ThemeChoice), driven by the inline theme script of pages/_document.tsx, and with no
// stored choice the page follows the system's colour scheme. Keep it free of client components:
// one would render here but never hydrate. Not a guard: each page's data function looks the help
// centre up itself (404 unless the workspace publishes it).
import Head from "next/head";

import { ThemeChoice } from "@/components/theme/theme-choice";

export function HelpCenterFrame({
  title,
  description,
  children,
}: {
  /** The whole <title>. */
  title: string;
  description?: string;
  children: React.ReactNode;
}) {
  return (
    <>
      <Head>
        <title>{title}</title>
        {description && <meta name="description" content={description} />}
      </Head>
      <div className="flex min-h-dvh flex-col">
        <header className="flex items-center justify-end border-b px-4 py-2">
          <ThemeChoice />
        </header>
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-3xl flex-1 px-4 py-8">
          {children}
        </main>
        <footer className="border-t px-4 py-3 text-center text-xs text-muted-foreground">Powered by Tessera</footer>
      </div>
    </>
  );
}

/** The 503 a server process answers when the help centre's reads were never registered. */
export function HelpCenterUnavailable() {
  return (
    <HelpCenterFrame title="Help centre unavailable · Tessera">
      <div className="grid gap-2">
        <h1 className="text-3xl font-semibold tracking-tight">The help centre is unavailable</h1>
        <p className="text-muted-foreground">Please try again in a minute.</p>
      </div>
    </HelpCenterFrame>
  );
}
