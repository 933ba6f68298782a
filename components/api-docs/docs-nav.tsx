"use client";

import * as React from "react";

import { cn } from "@/components/ui/cn";

import { MethodBadge } from "./method-badge";

export interface NavGroup {
  name: string;
  slug: string;
  items: { id: string; method: string; summary: string }[];
}

/**
 * The reference's table of contents: plain anchors (Tab moves through them), plus ↑/↓, Home and
 * End between links; the link of the section in the URL hash is marked as current.
 */
export function DocsNav({ groups, label = "API reference" }: { groups: NavGroup[]; label?: string }) {
  const ref = React.useRef<HTMLElement>(null);
  const [hash, setHash] = React.useState("");

  React.useEffect(() => {
    const update = () => setHash(decodeURIComponent(window.location.hash.slice(1)));
    update();
    window.addEventListener("hashchange", update);
    return () => window.removeEventListener("hashchange", update);
  }, []);

  function onKeyDown(event: React.KeyboardEvent<HTMLElement>) {
    const links = Array.from(ref.current?.querySelectorAll<HTMLAnchorElement>("a[href^='#']") ?? []);
    const index = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (index === -1) return;
    const target =
      event.key === "ArrowDown"
        ? links[Math.min(index + 1, links.length - 1)]
        : event.key === "ArrowUp"
          ? links[Math.max(index - 1, 0)]
          : event.key === "Home"
            ? links[0]
            : event.key === "End"
              ? links[links.length - 1]
              : null;
    if (!target) return;
    event.preventDefault();
    target.focus();
  }

  const linkClass =
    "flex items-center gap-2 rounded-md px-2 py-1.5 text-sm text-muted-foreground transition-colors hover:bg-muted hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none aria-[current=location]:bg-muted aria-[current=location]:text-foreground";

  return (
    <nav ref={ref} aria-label={label} onKeyDown={onKeyDown}>
      <ul className="grid gap-5">
        <li>
          <a href="#overview" className={linkClass} aria-current={hash === "overview" ? "location" : undefined}>
            Overview
          </a>
        </li>
        {groups.map((group) => (
          <li key={group.slug}>
            <a
              href={`#tag-${group.slug}`}
              className={cn(linkClass, "font-semibold text-foreground")}
              aria-current={hash === `tag-${group.slug}` ? "location" : undefined}
            >
              {group.name}
            </a>
            <ul className="mt-1 grid gap-0.5">
              {group.items.map((item) => (
                <li key={item.id}>
                  <a
                    href={`#${item.id}`}
                    className={linkClass}
                    aria-current={hash === item.id ? "location" : undefined}
                  >
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
