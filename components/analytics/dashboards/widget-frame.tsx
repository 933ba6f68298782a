"use client";
// One widget's frame inside the grid: the drag handle (arrow keys move, Shift + arrows resize),
// its title, range and grain, CSV download and remove, the funnel's steps, and the widget itself.
import { FileDown, GripVertical, Trash2 } from "lucide-react";
import type * as React from "react";

import { DEFAULT_GRAIN, RANGES, type RangeKey, type WidgetType } from "@/lib/analytics/dashboard-constants";
import type { FunnelStep, Widget } from "@/lib/analytics/dashboard-spec";

import { csvHref, download, localCsv, slugOf } from "./builder-files";
import { StepsEditor } from "./steps-editor";
import type { CatalogEntry } from "./types";
import { WidgetView, type WidgetData } from "./widget-view";

const GRAINS = ["hour", "day", "week", "month"] as const;
/** Widgets whose CSV is made in the browser from the figures they show (small, fixed shapes). */
const LOCAL_CSV: ReadonlySet<WidgetType> = new Set(["funnel", "cohort"]);

export function widgetTitle(w: Widget, def: CatalogEntry | undefined): string {
  return (
    w.title || (w.type === "funnel" ? "Funnel" : w.type === "cohort" ? "Cohort retention" : def?.label || w.metric)
  );
}

export function WidgetFrame({
  widget: w,
  def,
  editable,
  dataUrl,
  exportBase,
  exportParams,
  funnelMetrics,
  loaded,
  cache,
  stepsOpen,
  onStepsOpenChange,
  onHandleKey,
  onPatch,
  onSteps,
  onRemove,
}: {
  widget: Widget;
  def: CatalogEntry | undefined;
  editable: boolean;
  dataUrl: string;
  exportBase: string;
  exportParams: Record<string, string>;
  funnelMetrics: CatalogEntry[];
  /** The figures each widget last showed, by widget id (a funnel's or cohort grid's CSV). */
  loaded: Map<string, WidgetData>;
  /** Figures by query, so a widget remounted by the grid shows them at once. */
  cache: Map<string, WidgetData>;
  stepsOpen: boolean;
  onStepsOpenChange: (open: boolean) => void;
  onHandleKey: (event: React.KeyboardEvent) => void;
  onPatch: (patch: Partial<Widget>) => void;
  onSteps: (steps: FunnelStep[]) => void;
  onRemove: () => void;
}) {
  const title = widgetTitle(w, def);
  return (
    <>
      <header className="mb-2 flex items-center gap-2">
        {editable && (
          <button
            type="button"
            className="widget-drag-handle cursor-grab rounded p-1 text-muted-foreground hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
            aria-label={`Move or resize ${title}`}
            aria-describedby="grid-help"
            onKeyDown={onHandleKey}
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
              onPatch({ range, grain: def?.kind === "kpi" ? "month" : DEFAULT_GRAIN[range] });
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
                onChange={(e) => onPatch({ grain: e.target.value as Widget["grain"] })}
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
              onClick={() => download(`${slugOf(title)}.csv`, localCsv(loaded.get(w.id)), "text/csv")}
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
              onClick={onRemove}
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
          open={stepsOpen}
          onOpenChange={onStepsOpenChange}
          onChange={onSteps}
        />
      )}
      <div className="min-h-0 flex-1">
        <WidgetView widget={w} dataUrl={dataUrl} metric={def} cache={cache} onData={(data) => loaded.set(w.id, data)} />
      </div>
    </>
  );
}
