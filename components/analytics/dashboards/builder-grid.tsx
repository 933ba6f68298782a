"use client";
// The dashboard's grid: drawn with CSS (StaticGrid) on the server and on first render; on an
// editable dashboard react-grid-layout (DragGrid) takes over once it has loaded. It starts loading
// when the browser is idle after the page loads, or earlier when a pointer or the focus comes to
// the builder (its toolbar, the add form, the grid), so it is usually in place before anyone
// reaches a widget. A view-only dashboard never loads it.
//
// The take-over keeps the widgets' DOM nodes: on an editable dashboard each widget is rendered
// (through a portal) into a host node of its own, and the grid cells — static or draggable — only
// hold that node, moved into whichever cell shows it. Switching grids therefore moves nodes instead
// of remounting the widgets: their state, their figures and a click in progress survive, and the
// focused control gets its focus back. A swap that becomes ready while a pointer button is down
// waits for the button to come up (and the click to be dispatched).
import * as React from "react";
import { createPortal } from "react-dom";

import type { DragGridProps } from "./drag-grid";
import { compactLayout, toLayout, type Layout } from "./grid-layout";
import { StaticGrid } from "./static-grid";
import type { Widget } from "@/lib/analytics/dashboard-spec";

type DragGridComponent = React.ComponentType<DragGridProps>;

let dragGridModule: Promise<DragGridComponent> | null = null;

/** Loads react-grid-layout (once per page; a failed load is tried again next time). */
function preloadDragGrid(): Promise<DragGridComponent> {
  dragGridModule ??= import("./drag-grid").then(
    (m) => m.DragGrid,
    (error: unknown) => {
      dragGridModule = null;
      throw error;
    },
  );
  return dragGridModule;
}

/** The grid container's width (the drag grid positions in pixels). */
function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = React.useState(0);
  React.useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 0));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** Runs `apply` now, or once no pointer button is down (after the click it makes is dispatched). */
function usePointerQuiet(): (apply: () => void) => void {
  const pressed = React.useRef(false);
  const waiting = React.useRef<(() => void) | null>(null);
  React.useEffect(() => {
    const down = () => {
      pressed.current = true;
    };
    const up = () => {
      pressed.current = false;
      const apply = waiting.current;
      waiting.current = null;
      if (apply) setTimeout(apply, 0); // after the click this pointerup makes
    };
    document.addEventListener("pointerdown", down, true);
    document.addEventListener("pointerup", up, true);
    document.addEventListener("pointercancel", up, true);
    return () => {
      document.removeEventListener("pointerdown", down, true);
      document.removeEventListener("pointerup", up, true);
      document.removeEventListener("pointercancel", up, true);
    };
  }, []);
  return React.useCallback((apply: () => void) => {
    if (pressed.current) waiting.current = apply;
    else apply();
  }, []);
}

const noSubscription = () => () => {};

/** A grid cell's content: the widget's host node, moved into this cell. */
function HostSlot({ host }: { host: HTMLElement }) {
  const attach = React.useCallback(
    (slot: HTMLDivElement | null) => {
      if (slot && host.parentNode !== slot) slot.appendChild(host);
    },
    [host],
  );
  return <div ref={attach} className="h-full min-h-0" />;
}

export function BuilderGrid({
  builderRef,
  editable,
  widgets,
  items,
  onLayoutChange,
}: {
  /** The whole builder (toolbar, add form, grid): a pointer or the focus there starts the loading. */
  builderRef: React.RefObject<HTMLElement | null>;
  editable: boolean;
  widgets: Widget[];
  /** The widgets' elements, keyed by widget id, in the order of `widgets`. */
  items: React.ReactElement[];
  onLayoutChange: (layout: Layout) => void;
}) {
  const gridRef = React.useRef<HTMLDivElement>(null);
  const width = useWidth(gridRef);
  const whenQuiet = usePointerQuiet();
  const [DragGrid, setDragGrid] = React.useState<DragGridComponent | null>(null);
  // Hosts exist in the browser only: the server (and the hydrating render) draws the widgets inline.
  const hosted = React.useSyncExternalStore(
    noSubscription,
    () => editable,
    () => false,
  );
  const [hosts] = React.useState(() => new Map<string, HTMLDivElement>());
  const hostFor = (id: string) => {
    let host = hosts.get(id);
    if (!host) {
      host = document.createElement("div");
      host.className = "h-full";
      host.dataset.widgetHost = id;
      hosts.set(id, host);
    }
    return host;
  };

  // Moving a host out of the document blurs what it holds: the focused control gets it back.
  const focused = React.useRef<HTMLElement | null>(null);
  React.useEffect(() => {
    if (!editable) return;
    let cancelled = false;
    let started = false;
    const load = () => {
      if (started) return;
      started = true;
      preloadDragGrid().then(
        (component) => {
          if (cancelled) return;
          whenQuiet(() => {
            const active = document.activeElement;
            focused.current = active instanceof HTMLElement && gridRef.current?.contains(active) ? active : null;
            setDragGrid(() => component);
          });
        },
        (error: unknown) => {
          started = false; // tried again on the next pointer or focus
          console.error(error);
        },
      );
    };
    // On idle after the page loads, or as soon as a pointer or the focus comes to the builder.
    const idle = "requestIdleCallback" in window;
    const handle = idle ? window.requestIdleCallback(load, { timeout: 2000 }) : window.setTimeout(load, 200);
    const root = builderRef.current;
    root?.addEventListener("pointerover", load);
    root?.addEventListener("focusin", load);
    return () => {
      cancelled = true;
      if (idle) window.cancelIdleCallback(handle);
      else window.clearTimeout(handle);
      root?.removeEventListener("pointerover", load);
      root?.removeEventListener("focusin", load);
    };
  }, [editable, whenQuiet, builderRef]);

  // Hosts of removed widgets are dropped.
  React.useEffect(() => {
    const ids = new Set(widgets.map((w) => w.id));
    for (const id of hosts.keys()) if (!ids.has(id)) hosts.delete(id);
  }, [widgets, hosts]);

  const dragging = DragGrid !== null && width > 0;
  // "server": an editable dashboard's inline widgets before hydration (they move into hosts then).
  const mode = dragging ? "drag" : hosted || !editable ? "static" : "server";
  React.useLayoutEffect(() => {
    const target = focused.current;
    focused.current = null;
    if (target?.isConnected && document.activeElement !== target) target.focus({ preventScroll: true });
  }, [mode]);

  const cells = hosted
    ? items.map((item) => (
        <div key={item.key} className="min-h-0">
          <HostSlot host={hostFor(String(item.key))} />
        </div>
      ))
    : items;

  return (
    <>
      <div ref={gridRef} className="min-h-24" data-testid="dashboard-grid" data-grid={mode}>
        {widgets.length === 0 && (
          <p className="rounded-md border border-dashed p-8 text-center text-sm text-muted-foreground">
            No widgets yet{editable ? ": add one above." : "."}
          </p>
        )}
        {widgets.length > 0 &&
          (dragging && DragGrid ? (
            <DragGrid width={width} layout={toLayout(widgets)} onLayoutChange={onLayoutChange}>
              {cells}
            </DragGrid>
          ) : (
            <StaticGrid layout={compactLayout(widgets)}>{cells}</StaticGrid>
          ))}
      </div>
      {hosted && items.map((item) => createPortal(item, hostFor(String(item.key)), String(item.key)))}
    </>
  );
}
