"use client";
// The dashboard builder: a 12-column grid of widgets (react-grid-layout) that people drag by the
// handle and resize from the corner — or, with the keyboard, focus a widget's handle and press
// the arrow keys to move it and Shift + arrows to resize it. Every change is saved (debounced)
// through the bound server action; the status line says when it is saved.
import "react-grid-layout/css/styles.css";
import "react-resizable/css/styles.css";

import { Copy, Download, FileDown, GripVertical, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import * as React from "react";
import ReactGridLayout, { moveElement, useContainerWidth, verticalCompactor, type Layout } from "react-grid-layout";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { csvLine } from "@/lib/analytics/csv";
import {
  COHORT_METRIC,
  DEFAULT_GRAIN,
  GRID_COLUMNS,
  MAX_FUNNEL_STEPS,
  MAX_WIDGETS,
  RANGE_LABELS,
  RANGES,
  rangeBounds,
  SHARING,
  SHARING_LABELS,
  WIDGET_TYPES,
  type RangeKey,
  type Sharing,
  type WidgetType,
} from "@/lib/analytics/dashboard-constants";
import type { DashboardSpec, FunnelStep, Widget } from "@/lib/analytics/dashboard-spec";

import type { BoundAction, BuilderDashboard, CatalogEntry } from "./types";
import { WidgetView, type WidgetData } from "./widget-view";
import { IDLE } from "@/components/workspace/action-types";

const GRAINS = ["hour", "day", "week", "month"] as const;
const TYPE_LABELS: Record<WidgetType, string> = {
  kpi: "KPI card",
  line: "Line chart",
  area: "Area chart",
  bar: "Bar chart",
  table: "Table",
  funnel: "Funnel",
  cohort: "Cohort grid",
};
/** Whether a metric can be a funnel step (as dashboard-spec's isFunnelMetric, from the catalog entry). */
const isFunnelEntry = (m: CatalogEntry | undefined) =>
  !!m && m.kind === "series" && (m.unit === "count" || m.unit === "users");
/** Widgets whose CSV is made in the browser from the figures they show (small, fixed shapes). */
const LOCAL_CSV: ReadonlySet<WidgetType> = new Set(["funnel", "cohort"]);
const selectClass =
  "h-9 rounded-md border border-input bg-background px-2 text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring";

type SaveState = "saved" | "saving" | "error";

/** The widget's figures as CSV: its metric, range (as from/to), grain and grouping. */
function csvHref(base: string, extra: Record<string, string>, w: Widget): string {
  const { from, to } = rangeBounds(w.range);
  const params = new URLSearchParams({
    ...extra,
    metric: w.metric,
    from: from.toISOString(),
    to: to.toISOString(),
    grain: w.grain,
  });
  if (w.group_by) params.set("group_by", w.group_by);
  return `${base}?${params.toString()}`;
}

/** A funnel's or a cohort grid's figures as CSV text (escaped and formula-guarded like the export). */
function localCsv(data: WidgetData | undefined): string {
  if (!data || !("kind" in data)) return "";
  if (data.kind === "funnel") {
    return (
      csvLine(["step", "label", "metric", "event", "value", "previous", "of_first", "of_previous"]) +
      data.steps
        .map((s, i) => csvLine([i + 1, s.label, s.metric, s.event, s.value, s.previous, s.of_first, s.of_previous]))
        .join("")
    );
  }
  const width = Math.max(0, ...data.cohorts.map((c) => c.rates.length));
  const offsets = Array.from({ length: width }, (_, k) => `m${k}`);
  return (
    csvLine(["joined", data.of, ...offsets]) +
    data.cohorts.map((c) => csvLine([c.month, c.size, ...c.retained])).join("")
  );
}

function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

const slugOf = (text: string) => text.replace(/[^A-Za-z0-9_-]+/g, "-").toLowerCase() || "dashboard";

function newId(): string {
  return Math.random().toString(36).slice(2, 10);
}

function toLayout(widgets: Widget[]): Layout {
  return widgets.map((w) => ({ i: w.id, ...w.layout, minW: 2, minH: 2 }));
}

/** Applies a layout (from a drag, a resize or the keyboard) to the widgets; null when nothing moved. */
function applyLayout(widgets: Widget[], layout: Layout): Widget[] | null {
  let changed = false;
  const next = widgets.map((w) => {
    const item = layout.find((l) => l.i === w.id);
    if (!item) return w;
    const pos = { x: item.x, y: item.y, w: item.w, h: item.h };
    if (pos.x === w.layout.x && pos.y === w.layout.y && pos.w === w.layout.w && pos.h === w.layout.h) return w;
    changed = true;
    return { ...w, layout: pos };
  });
  return changed ? next : null;
}

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
  const [status, setStatus] = React.useState<SaveState>("saved");
  const [message, setMessage] = React.useState<string | null>(null);
  const [announce, setAnnounce] = React.useState("");
  const { width, containerRef, mounted } = useContainerWidth();
  const editable = dashboard.canEdit;
  const pending = React.useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const byName = React.useMemo(() => new Map(catalog.map((m) => [m.name, m])), [catalog]);
  const funnelMetrics = React.useMemo(() => catalog.filter(isFunnelEntry), [catalog]);
  const loaded = React.useRef(new Map<string, WidgetData>());

  const persist = React.useCallback(
    (input: Record<string, string>) => {
      setStatus("saving");
      clearTimeout(pending.current);
      pending.current = setTimeout(async () => {
        const result = await save(IDLE, { id: dashboard.id, ...input });
        if (result.status === "error") {
          setStatus("error");
          setMessage(result.message);
        } else {
          setStatus("saved");
          setMessage(null);
        }
      }, 500);
    },
    [save, dashboard.id],
  );

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
    const layout = toLayout(widgets);
    let next: Layout;
    if (resize) {
      const width = Math.min(GRID_COLUMNS - w.layout.x, Math.max(2, w.layout.w + dx));
      const height = Math.min(20, Math.max(2, w.layout.h + dy));
      next = verticalCompactor.compact(
        layout.map((l) => (l.i === w.id ? { ...l, w: width, h: height } : l)),
        GRID_COLUMNS,
      );
    } else {
      const item = layout.find((l) => l.i === w.id);
      if (!item) return;
      const x = Math.min(GRID_COLUMNS - w.layout.w, Math.max(0, w.layout.x + dx));
      const y = Math.max(0, w.layout.y + dy);
      next = verticalCompactor.compact(
        moveElement(layout, item, x, y, true, false, "vertical", GRID_COLUMNS),
        GRID_COLUMNS,
      );
    }
    const applied = applyLayout(widgets, next);
    if (applied) {
      updateWidgets(applied);
      const moved = applied.find((a) => a.id === w.id);
      if (moved) {
        setAnnounce(
          `${w.title || byName.get(w.metric)?.label}: column ${moved.layout.x + 1}, row ${moved.layout.y + 1}, ${moved.layout.w} wide, ${moved.layout.h} tall.`,
        );
      }
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

  const addWidget = (form: FormData) => {
    const metric = String(form.get("metric") ?? "");
    const def = byName.get(metric);
    if (!def) return;
    const type = String(form.get("type") ?? "line") as WidgetType;
    const range = String(form.get("range") ?? "7d") as RangeKey;
    const groupBy = String(form.get("group_by") ?? "");
    const bottom = widgets.reduce((max, w) => Math.max(max, w.layout.y + w.layout.h), 0);
    const base = { id: newId(), type, range, layout: { x: 0, y: bottom, w: 6, h: 4 } };
    let widget: Widget;
    if (type === "funnel") {
      // Starts from the chosen metric (when it is a count) and the next count of the catalog; the
      // steps are edited on the widget.
      const first = isFunnelEntry(byName.get(metric)) ? metric : (funnelMetrics[0]?.name ?? metric);
      const second = funnelMetrics.find((m) => m.name !== first)?.name ?? first;
      const steps = [{ metric: first }, { metric: second }] as FunnelStep[];
      widget = { ...base, metric: first as Widget["metric"], grain: "day", group_by: null, steps };
    } else if (type === "cohort") {
      widget = {
        ...base,
        metric: COHORT_METRIC,
        range: range === "24h" || range === "7d" || range === "30d" ? "90d" : range,
        grain: "month",
        group_by: null,
        layout: { ...base.layout, w: 8 },
      };
    } else {
      widget = {
        ...base,
        metric: metric as Widget["metric"],
        grain: def.kind === "kpi" ? "month" : DEFAULT_GRAIN[range],
        group_by: groupBy && def.dimensions.includes(groupBy) ? groupBy : null,
        layout: { ...base.layout, w: type === "kpi" ? 3 : 6, h: type === "kpi" ? 2 : 4 },
      };
    }
    updateWidgets([...widgets, widget]);
    setAnnounce(`Added ${TYPE_LABELS[type]}${type === "cohort" ? "" : ` of ${byName.get(widget.metric)?.label}`}.`);
  };

  const patchWidget = (id: string, patch: Partial<Widget>) =>
    updateWidgets(widgets.map((w) => (w.id === id ? { ...w, ...patch } : w)));

  const exportJson = () => {
    const file = { format: "tessera.dashboard", version: 1, name, spec: { version: 1, widgets } };
    download(`${slugOf(name)}.json`, JSON.stringify(file, null, 2), "application/json");
  };

  const setSteps = (w: Widget, steps: FunnelStep[]) =>
    patchWidget(w.id, { steps, metric: (steps[0]?.metric ?? w.metric) as Widget["metric"] });

  const [selectedMetric, setSelectedMetric] = React.useState(catalog[0]?.name ?? "");
  const selectedDims = byName.get(selectedMetric)?.dimensions ?? [];

  return (
    <div className="grid gap-4">
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
        <form
          aria-label="Add a widget"
          className="flex flex-wrap items-end gap-3 rounded-md border p-3"
          onSubmit={(e) => {
            e.preventDefault();
            addWidget(new FormData(e.currentTarget));
          }}
        >
          <div className="grid gap-1">
            <Label htmlFor="widget-type">Widget</Label>
            <select id="widget-type" name="type" className={selectClass} defaultValue="line">
              {WIDGET_TYPES.map((t) => (
                <option key={t} value={t}>
                  {TYPE_LABELS[t]}
                </option>
              ))}
            </select>
          </div>
          <div className="grid gap-1">
            <Label htmlFor="widget-metric">Metric</Label>
            <select
              id="widget-metric"
              name="metric"
              className={selectClass}
              value={selectedMetric}
              onChange={(e) => setSelectedMetric(e.target.value)}
            >
              {catalog.map((m) => (
                <option key={m.name} value={m.name}>
                  {m.label}
                </option>
              ))}
            </select>
          </div>
          <div className="grid gap-1">
            <Label htmlFor="widget-range">Range</Label>
            <select id="widget-range" name="range" className={selectClass} defaultValue="7d">
              {RANGES.map((r) => (
                <option key={r} value={r}>
                  {RANGE_LABELS[r]}
                </option>
              ))}
            </select>
          </div>
          <div className="grid gap-1">
            <Label htmlFor="widget-group">Group by</Label>
            <select id="widget-group" name="group_by" className={selectClass} defaultValue="">
              <option value="">Nothing</option>
              {selectedDims.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" disabled={widgets.length >= MAX_WIDGETS}>
            Add widget
          </Button>
        </form>
      )}

      <p id="grid-help" className="sr-only">
        Focus a widget&apos;s handle, then use the arrow keys to move it and Shift with the arrow keys to resize it.
      </p>
      <div ref={containerRef} className="min-h-24" data-testid="dashboard-grid">
        {widgets.length === 0 && (
          <p className="rounded-md border border-dashed p-8 text-center text-sm text-muted-foreground">
            No widgets yet{editable ? ": add one above." : "."}
          </p>
        )}
        {mounted && widgets.length > 0 && (
          <ReactGridLayout
            width={width}
            layout={toLayout(widgets)}
            gridConfig={{ cols: GRID_COLUMNS, rowHeight: 60, margin: [12, 12] }}
            dragConfig={{ enabled: editable, handle: ".widget-drag-handle" }}
            resizeConfig={{ enabled: editable, handles: ["se"] }}
            compactor={verticalCompactor}
            onLayoutChange={onLayoutChange}
          >
            {widgets.map((w) => {
              const def = byName.get(w.metric);
              const title =
                w.title ||
                (w.type === "funnel" ? "Funnel" : w.type === "cohort" ? "Cohort retention" : def?.label || w.metric);
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
                  className="flex flex-col overflow-hidden rounded-lg border bg-card p-3 text-card-foreground shadow-sm"
                >
                  <header className="mb-2 flex items-center gap-2">
                    {editable && (
                      <button
                        type="button"
                        className="widget-drag-handle cursor-grab rounded p-1 text-muted-foreground hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                        aria-label={`Move or resize ${title}`}
                        aria-describedby="grid-help"
                        onKeyDown={onHandleKey(w)}
                      >
                        <GripVertical aria-hidden className="size-4" />
                      </button>
                    )}
                    <h2 className="truncate text-sm font-medium">{title}</h2>
                    <div className="ml-auto flex items-center gap-1">
                      <label className="sr-only" htmlFor={`range-${w.id}`}>
                        Range of {title}
                      </label>
                      <select
                        id={`range-${w.id}`}
                        className="h-7 rounded border border-input bg-background px-1 text-xs"
                        value={w.range}
                        disabled={!editable}
                        onChange={(e) => {
                          const range = e.target.value as RangeKey;
                          patchWidget(w.id, { range, grain: def?.kind === "kpi" ? "month" : DEFAULT_GRAIN[range] });
                        }}
                      >
                        {RANGES.map((r) => (
                          <option key={r} value={r}>
                            {r}
                          </option>
                        ))}
                      </select>
                      {def?.kind !== "kpi" && !LOCAL_CSV.has(w.type) && (
                        <>
                          <label className="sr-only" htmlFor={`grain-${w.id}`}>
                            Grain of {title}
                          </label>
                          <select
                            id={`grain-${w.id}`}
                            className="h-7 rounded border border-input bg-background px-1 text-xs"
                            value={w.grain}
                            disabled={!editable}
                            onChange={(e) => patchWidget(w.id, { grain: e.target.value as Widget["grain"] })}
                          >
                            {GRAINS.map((g) => (
                              <option key={g} value={g}>
                                {g}
                              </option>
                            ))}
                          </select>
                        </>
                      )}
                      {LOCAL_CSV.has(w.type) ? (
                        <button
                          type="button"
                          className="rounded p-1 text-muted-foreground hover:bg-muted"
                          aria-label={`Download ${title} as CSV`}
                          onClick={() =>
                            download(`${slugOf(title)}.csv`, localCsv(loaded.current.get(w.id)), "text/csv")
                          }
                        >
                          <FileDown aria-hidden className="size-4" />
                        </button>
                      ) : (
                        <a
                          href={csvHref(exportBase, exportParams, w)}
                          download
                          className="rounded p-1 text-muted-foreground hover:bg-muted"
                          aria-label={`Download ${title} as CSV`}
                        >
                          <FileDown aria-hidden className="size-4" />
                        </a>
                      )}
                      {editable && (
                        <button
                          type="button"
                          className="rounded p-1 text-muted-foreground hover:bg-muted"
                          aria-label={`Remove ${title}`}
                          onClick={() => updateWidgets(widgets.filter((x) => x.id !== w.id))}
                        >
                          <Trash2 aria-hidden className="size-4" />
                        </button>
                      )}
                    </div>
                  </header>
                  {w.type === "funnel" && editable && (
                    <StepsEditor
                      widgetId={w.id}
                      title={title}
                      steps={w.steps ?? []}
                      metrics={funnelMetrics}
                      onChange={(steps) => setSteps(w, steps)}
                    />
                  )}
                  <div className="min-h-0 flex-1">
                    <WidgetView
                      widget={w}
                      dataUrl={dataUrl}
                      metric={def}
                      onData={(data) => loaded.current.set(w.id, data)}
                    />
                  </div>
                </section>
              );
            })}
          </ReactGridLayout>
        )}
      </div>
    </div>
  );
}

/** A funnel's steps: a metric each (counts only), an event name for custom-events steps. */
function StepsEditor({
  widgetId,
  title,
  steps,
  metrics,
  onChange,
}: {
  widgetId: string;
  title: string;
  steps: FunnelStep[];
  metrics: CatalogEntry[];
  onChange: (steps: FunnelStep[]) => void;
}) {
  const set = (i: number, patch: Partial<FunnelStep>) =>
    onChange(steps.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  return (
    <details className="mb-2 text-xs">
      <summary className="cursor-pointer text-muted-foreground">Steps of {title}</summary>
      <ol className="mt-1 grid gap-1">
        {steps.map((step, i) => (
          <li key={i} className="flex flex-wrap items-center gap-1">
            <label className="sr-only" htmlFor={`${widgetId}-step-${i}`}>
              Step {i + 1} metric
            </label>
            <select
              id={`${widgetId}-step-${i}`}
              className="h-7 rounded border border-input bg-background px-1"
              value={step.metric}
              onChange={(e) => set(i, { metric: e.target.value as FunnelStep["metric"], event: undefined })}
            >
              {metrics.map((m) => (
                <option key={m.name} value={m.name}>
                  {m.label}
                </option>
              ))}
            </select>
            {step.metric === "custom_events" && (
              <>
                <label className="sr-only" htmlFor={`${widgetId}-event-${i}`}>
                  Step {i + 1} event name
                </label>
                <input
                  id={`${widgetId}-event-${i}`}
                  key={`${i}-${step.event ?? ""}`}
                  className="h-7 w-32 rounded border border-input bg-background px-1"
                  placeholder="any event"
                  maxLength={64}
                  defaultValue={step.event ?? ""}
                  onBlur={(e) => {
                    const event = e.target.value.trim();
                    if (event !== (step.event ?? "")) set(i, { event: event || undefined });
                  }}
                />
              </>
            )}
            <button
              type="button"
              className="rounded px-1 text-muted-foreground hover:bg-muted disabled:opacity-50"
              disabled={steps.length <= 2}
              aria-label={`Remove step ${i + 1}`}
              onClick={() => onChange(steps.filter((_, j) => j !== i))}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="mt-1 rounded border px-2 py-0.5 hover:bg-muted disabled:opacity-50"
        disabled={steps.length >= MAX_FUNNEL_STEPS || metrics.length === 0}
        onClick={() =>
          onChange([...steps, { metric: steps.at(-1)?.metric ?? (metrics[0]!.name as FunnelStep["metric"]) }])
        }
      >
        Add step
      </button>
    </details>
  );
}
