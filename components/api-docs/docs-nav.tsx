import { cn } from "@/components/ui/cn";

import { MethodBadge } from "./method-badge";

export interface NavGroup {
  name: string;
  slug: string;
  items: { id: string; method: string; summary: string }[];
}

/**
 * The reference's table of contents: plain anchors (Tab moves through them), plus ↑/↓, Home and
 * End between links; the link of the section in the URL hash is marked as current. Rendered on
 * the server; the keys and the mark are DOCS_NAV_SCRIPT's (./docs-nav-script.ts), inline on the page.
 */
export function DocsNav({ groups, label = "API reference" }: { groups: NavGroup[]; label?: string }) {
  const linkClass =
    "flex items-center gap-2 rounded-md px-2 py-1.5 text-sm text-muted-foreground transition-colors hover:bg-muted hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none aria-[current=location]:bg-muted aria-[current=location]:text-foreground";

  return (
    <nav aria-label={label} data-docs-nav="">
      <ul className="grid gap-5">
        <li>
          <a href="#overview" className={linkClass}>
            Overview
          </a>
        </li>
        {groups.map((group) => (
          <li key={group.slug}>
            <a href={`#tag-${group.slug}`} className={cn(linkClass, "font-semibold text-foreground")}>
              {group.name}
            </a>
            <ul className="mt-1 grid gap-0.5">
              {group.items.map((item) => (
                <li key={item.id}>
                  <a href={`#${item.id}`} className={linkClass}>
                    <MethodBadge method={item.method} className="w-12 text-[0.6rem]" />
                    <span className="min-w-0 truncate">{item.summary}</span>
                  </a>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </nav>
  );
}
