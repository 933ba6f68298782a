import { Monitor, Moon, Sun } from "lucide-react";

import { ThemeIcons } from "./theme-icons";

const OPTIONS = [
  { value: "light", label: "Light", Icon: Sun },
  { value: "dark", label: "Dark", Icon: Moon },
  { value: "system", label: "System", Icon: Monitor },
] as const;

/**
 * The public pages' theme menu, with no client component: a <details> disclosure (Enter / Space
 * opens it, Tab reaches the choices, Escape closes it) whose buttons the inline theme script
 * (./theme-script.ts) handles. The current choice is ticked from <html data-theme> by CSS.
 * Signed-in pages use ThemeToggle (the Radix menu, loaded on first use).
 */
export function ThemeChoice() {
  return (
    <details data-menu className="relative">
      <summary
        aria-label="Change theme"
        className="relative flex size-9 cursor-pointer list-none items-center justify-center rounded-md transition-colors select-none hover:bg-accent hover:text-accent-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none [&::-webkit-details-marker]:hidden [&_svg]:size-4"
      >
        <ThemeIcons />
      </summary>
      <div className="absolute right-0 z-50 mt-1 grid min-w-36 rounded-md border bg-popover p-1 text-popover-foreground shadow-md">
        <p className="px-2 py-1.5 text-xs text-muted-foreground">Theme</p>
        {OPTIONS.map(({ value, label, Icon }) => (
          <button
            key={value}
            type="button"
            data-set-theme={value}
            className="group flex items-center gap-2 rounded-sm px-2 py-1.5 text-left text-sm outline-none hover:bg-accent hover:text-accent-foreground focus-visible:bg-accent focus-visible:text-accent-foreground [&_svg]:size-4"
          >
            <Icon aria-hidden />
            {label}
            <span
              aria-hidden
              className={`ml-auto invisible ${
                value === "light"
                  ? "[html[data-theme=light]_&]:visible"
                  : value === "dark"
                    ? "[html[data-theme=dark]_&]:visible"
                    : "[html[data-theme=system]_&]:visible"
              }`}
            >
              ✓
            </span>
          </button>
        ))}
      </div>
    </details>
  );
}
