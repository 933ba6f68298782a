// The public help centre's frame: the workspace's name, a theme toggle, nothing of the app.
// Not a guard: each page looks the help centre up itself (404 unless an admin turned it on).
import { ThemeToggle } from "@/components/theme/theme-toggle";

export default function HelpCenterLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex items-center justify-end border-b px-4 py-2">
        <ThemeToggle />
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-3xl flex-1 px-4 py-8">
        {children}
      </main>
      <footer className="border-t px-4 py-3 text-center text-xs text-muted-foreground">Powered by Tessera</footer>
    </div>
  );
}
