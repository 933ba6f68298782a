import { Moon, Sun } from "lucide-react";

/** Sun in light mode, moon in dark: they follow the resolved theme via CSS, so server and client markup agree. */
export function ThemeIcons() {
  return (
    <>
      <Sun className="scale-100 rotate-0 transition-transform dark:scale-0 dark:-rotate-90" aria-hidden />
      <Moon className="absolute scale-0 rotate-90 transition-transform dark:scale-100 dark:rotate-0" aria-hidden />
    </>
  );
}
