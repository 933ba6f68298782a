"use client";
// The builder's "Add a widget" form: a widget type, a metric of the catalog, a range and a
// grouping; the new widget goes below the others.
import * as React from "react";

import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import {
  COHORT_METRIC,
  DEFAULT_GRAIN,
  MAX_WIDGETS,
  RANGE_LABELS,
  RANGES,
  WIDGET_TYPES,
  type RangeKey,
  type WidgetType,
} from "@/lib/analytics/dashboard-constants";
import type { FunnelStep, Widget } from "@/lib/analytics/dashboard-spec";

import type { CatalogEntry } from "./types";

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
export const isFunnelEntry = (m: CatalogEntry | undefined) =>
  !!m && m.kind === "series" && (m.unit === "count" || m.unit === "users");

export const selectClass =
  "h-9 rounded-md border border-input bg-background px-2 text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring";

function newId(): string {
  return Math.random().toString(36).slice(2, 10);
}

/** The widget the form describes, placed below `widgets`; null for a metric not in the catalog. */
function widgetOf(
  form: FormData,
  widgets: readonly Widget[],
  byName: ReadonlyMap<string, CatalogEntry>,
  funnelMetrics: readonly CatalogEntry[],
): Widget | null {
  const metric = String(form.get("metric") ?? "");
  const def = byName.get(metric);
  if (!def) return null;
  const type = String(form.get("type") ?? "line") as WidgetType;
  const range = String(form.get("range") ?? "7d") as RangeKey;
  const groupBy = String(form.get("group_by") ?? "");
  const bottom = widgets.reduce((max, w) => Math.max(max, w.layout.y + w.layout.h), 0);
  const base = { id: newId(), type, range, layout: { x: 0, y: bottom, w: 6, h: 4 } };
  if (type === "funnel") {
    // Starts from the chosen metric (when it is a count) and the next count of the catalog; the
    // steps are edited on the widget.
    const first = isFunnelEntry(byName.get(metric)) ? metric : (funnelMetrics[0]?.name ?? metric);
    const second = funnelMetrics.find((m) => m.name !== first)?.name ?? first;
    const steps = [{ metric: first }, { metric: second }] as FunnelStep[];
    return { ...base, metric: first as Widget["metric"], grain: "day", group_by: null, steps };
  }
  if (type === "cohort") {
    return {
      ...base,
      metric: COHORT_METRIC,
      range: range === "24h" || range === "7d" || range === "30d" ? "90d" : range,
      grain: "month",
      group_by: null,
      layout: { ...base.layout, w: 8 },
    };
  }
  return {
    ...base,
    metric: metric as Widget["metric"],
    grain: def.kind === "kpi" ? "month" : DEFAULT_GRAIN[range],
    group_by: groupBy && def.dimensions.includes(groupBy) ? groupBy : null,
    layout: { ...base.layout, w: type === "kpi" ? 3 : 6, h: type === "kpi" ? 2 : 4 },
  };
}

export function AddWidgetForm({
  catalog,
  byName,
  funnelMetrics,
  widgets,
  onAdd,
}: {
  catalog: readonly CatalogEntry[];
  byName: ReadonlyMap<string, CatalogEntry>;
  funnelMetrics: readonly CatalogEntry[];
  widgets: readonly Widget[];
  /** The new widget, and what to announce to screen readers. */
  onAdd: (widget: Widget, announcement: string) => void;
}) {
  const [selectedMetric, setSelectedMetric] = React.useState(catalog[0]?.name ?? "");
  const selectedDims = byName.get(selectedMetric)?.dimensions ?? [];
  return (
    <form
      aria-label="Add a widget"
      className="flex flex-wrap items-end gap-3 rounded-md border p-3"
      onSubmit={(e) => {
        e.preventDefault();
        const widget = widgetOf(new FormData(e.currentTarget), widgets, byName, funnelMetrics);
        if (!widget) return;
        const of = widget.type === "cohort" ? "" : ` of ${byName.get(widget.metric)?.label}`;
        onAdd(widget, `Added ${TYPE_LABELS[widget.type]}${of}.`);
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
  );
}
