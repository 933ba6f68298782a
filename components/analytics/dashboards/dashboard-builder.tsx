"use client";
// The dashboard builder: a 12-column grid of widgets that people drag by the handle and resize
// from the corner — or, with the keyboard, focus a widget's handle and press the arrow keys to
// move it and Shift + arrows to resize it. Every change is saved (debounced) through the bound
// server action (autosave.ts: merged, in order); the status line says when it is saved.
//
// The grid (builder-grid.tsx) is drawn with CSS on the server and on first render; on an editable
// dashboard react-grid-layout loads on idle (or at the first pointer or focus in the builder) and
// takes over keeping the widgets' DOM nodes; a view-only visit never downloads it. Keyboard moves
// use react-grid-layout's pure core (grid-layout.ts).
import { Copy, Download, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import * as React from "react";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { IDLE } from "@/components/workspace/action-types";
import { SHARING, SHARING_LABELS, type Sharing } from "@/lib/analytics/dashboard-constants";
import type { DashboardSpec, FunnelStep, Widget } from "@/lib/analytics/dashboard-spec";

import { AddWidgetForm, isFunnelEntry, selectClass } from "./add-widget-form";
import { createAutosave, type AutosaveStatus } from "./autosave";
import { download, slugOf } from "./builder-files";
import { BuilderGrid } from "./builder-grid";
import { applyLayout, nudge, type Layout } from "./grid-layout";
import type { BoundAction, BuilderDashboard, CatalogEntry } from "./types";
import { WidgetFrame, widgetTitle } from "./widget-frame";
import type { WidgetData } from "./widget-view";

export function DashboardBuilder({
  dashboard,
  catalog,
  dataUrl,
  listHref,
  exportBase,
  exportParams = {},
  save,
  duplicate,
  remove,
}: {
  dashboard: BuilderDashboard;
  catalog: CatalogEntry[];
  dataUrl: string;
  listHref: string;
  /** The CSV export endpoint, and parameters it needs besides the widget's (e.g. the workspace). */
  exportBase: string;
  exportParams?: Record<string, string>;
  save: BoundAction;
  duplicate: BoundAction<{ id: string }>;
  remove: BoundAction;
}) {
  const router = useRouter();
  const [name, setName] = React.useState(dashboard.name);
  const [sharing, setSharing] = React.useState<Sharing>(dashboard.sharing);
  const [widgets, setWidgets] = React.useState<Widget[]>(dashboard.spec.widgets);
  const [status, setStatus] = React.useState<AutosaveStatus>("saved");
  const [message, setMessage] = React.useState<string | null>(null);
  const [announce, setAnnounce] = React.useState("");
  const [stepsOpen, setStepsOpen] = React.useState<ReadonlySet<string>>(new Set());
  const editable = dashboard.canEdit;
  const byName = React.useMemo(() => new Map(catalog.map((m) => [m.name, m])), [catalog]);
  const funnelMetrics = React.useMemo(() => catalog.filter(isFunnelEntry), [catalog]);
  // Figures each widget last showed (a funnel's CSV), and figures by request (a remounted widget).
  const [loaded] = React.useState(() => new Map<string, WidgetData>());
  const [cache] = React.useState(() => new Map<string, WidgetData>());

  const builderRef = React.useRef<HTMLDivElement>(null);

  const [autosave] = React.useState(() =>
    createAutosave<Record<"name" | "spec" | "sharing", string>>({
      delayMs: 500,
      save: async (fields) => {
        const result = await save(IDLE, { id: dashboard.id, ...fields });
        return result.status === "error" ? { ok: false, message: result.message } : { ok: true };
      },
      onStatus: (next, text) => {
        setStatus(next);
        setMessage(text);
      },
    }),
  );
  const persist = autosave.change;

  // Leaving writes what is queued; closing the tab with a change unwritten asks first.
  React.useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (autosave.dirty) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      window.removeEventListener("beforeunload", warn);
      void autosave.flush();
    };
  }, [autosave]);

  const updateWidgets = (next: Widget[]) => {
    setWidgets(next);
    const spec: DashboardSpec = { version: 1, widgets: next };
    persist({ spec: JSON.stringify(spec) });
  };

  const onLayoutChange = (layout: Layout) => {
    if (!editable) return;
    const next = applyLayout(widgets, layout);
    if (next) updateWidgets(next);
  };

  const moveBy = (w: Widget, dx: number, dy: number, resize: boolean) => {
    const next = nudge(widgets, w, dx, dy, resize);
    const applied = next && applyLayout(widgets, next);
    if (!applied) return;
    updateWidgets(applied);
    const moved = applied.find((a) => a.id === w.id);
    if (moved) {
      setAnnounce(
        `${w.title || byName.get(w.metric)?.label}: column ${moved.layout.x + 1}, row ${moved.layout.y + 1}, ${moved.layout.w} wide, ${moved.layout.h} tall.`,
      );
    }
  };

  const onHandleKey = (w: Widget) => (event: React.KeyboardEvent) => {
    const delta: Record<string, [number, number]> = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
    };
    const d = delta[event.key];
    if (!d || !editable) return;
    event.preventDefault();
    moveBy(w, d[0], d[1], event.shiftKey);
  };

  const patchWidget = (id: string, patch: Partial<Widget>) =>
    updateWidgets(widgets.map((w) => (w.id === id ? { ...w, ...patch } : w)));

  const exportJson = () => {
    const file = { format: "tessera.dashboard", version: 1, name, spec: { version: 1, widgets } };
    download(`${slugOf(name)}.json`, JSON.stringify(file, null, 2), "application/json");
  };

  const setSteps = (w: Widget, steps: FunnelStep[]) =>
    patchWidget(w.id, { steps, metric: (steps[0]?.metric ?? w.metric) as Widget["metric"] });

  const items = widgets.map((w) => {
    const def = byName.get(w.metric);
    const title = widgetTitle(w, def);
    return (
      <section
        key={w.id}
        aria-label={title}
        data-testid="widget"
        data-widget-id={w.id}
        data-x={w.layout.x}
        data-y={w.layout.y}
        data-w={w.layout.w}
        data-h={w.layout.h}
        className="flex h-full flex-col overflow-hidden rounded-lg border bg-card p-3 text-card-foreground shadow-sm"
      >
        <WidgetFrame
          widget={w}
          def={def}
          editable={editable}
          dataUrl={dataUrl}
          exportBase={exportBase}
          exportParams={exportParams}
          funnelMetrics={funnelMetrics}
          loaded={loaded}
          cache={cache}
          stepsOpen={stepsOpen.has(w.id)}
          onStepsOpenChange={(open) =>
            setStepsOpen((prev) => {
              const next = new Set(prev);
              if (open) next.add(w.id);
              else next.delete(w.id);
              return next;
            })
          }
          onHandleKey={onHandleKey(w)}
          onPatch={(patch) => patchWidget(w.id, patch)}
          onSteps={(steps) => setSteps(w, steps)}
          onRemove={() => updateWidgets(widgets.filter((x) => x.id !== w.id))}
        />
      </section>
    );
  });

  return (
    <div ref={builderRef} className="grid gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="grid gap-1">
          <Label htmlFor="dashboard-name">Name</Label>
          <Input
            id="dashboard-name"
            value={name}
            disabled={!editable}
            maxLength={80}
            onChange={(e) => setName(e.target.value)}
            onBlur={() => name.trim() && name !== dashboard.name && persist({ name })}
            className="w-64"
          />
        </div>
        {dashboard.canManage && (
          <div className="grid gap-1">
            <Label htmlFor="dashboard-sharing">Sharing</Label>
            <select
              id="dashboard-sharing"
              className={selectClass}
              value={sharing}
              onChange={(e) => {
                const value = e.target.value as Sharing;
                setSharing(value);
                persist({ sharing: value });
              }}
            >
              {SHARING.map((s) => (
                <option key={s} value={s}>
                  {SHARING_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="ml-auto flex flex-wrap gap-2">
          <Button type="button" variant="outline" onClick={exportJson}>
            <Download aria-hidden />
            Export JSON
          </Button>
          <Button
            type="button"
            variant="outline"
            onClick={async () => {
              const result = await duplicate(IDLE, { id: dashboard.id });
              if (result.status === "success" && result.data) router.push(`${listHref}/${result.data.id}`);
            }}
          >
            <Copy aria-hidden />
            Duplicate
          </Button>
          {dashboard.canManage && (
            <Button
              type="button"
              variant="outline"
              onClick={async () => {
                if (!window.confirm(`Delete “${name}”?`)) return;
                const result = await remove(IDLE, { id: dashboard.id });
                if (result.status === "success") router.push(listHref);
                else setMessage(result.status === "error" ? result.message : null);
              }}
            >
              <Trash2 aria-hidden />
              Delete
            </Button>
          )}
        </div>
      </div>
      <p role="status" className="text-sm text-muted-foreground" data-testid="save-status">
        {status === "saving"
          ? "Saving…"
          : status === "error"
            ? `Not saved: ${message}`
            : editable
              ? "All changes saved."
              : "View only."}
      </p>
      <p className="sr-only" aria-live="polite">
        {announce}
      </p>

      {editable && (
        <AddWidgetForm
          catalog={catalog}
          byName={byName}
          funnelMetrics={funnelMetrics}
          widgets={widgets}
          onAdd={(widget, announcement) => {
            updateWidgets([...widgets, widget]);
            setAnnounce(announcement);
          }}
        />
      )}

      <p id="grid-help" className="sr-only">
        Focus a widget&apos;s handle, then use the arrow keys to move it and Shift with the arrow keys to resize it.
      </p>
      <BuilderGrid
        builderRef={builderRef}
        editable={editable}
        widgets={widgets}
        items={items}
        onLayoutChange={onLayoutChange}
      />
    </div>
  );
}
