// What the dashboard builder downloads: a widget's CSV link, a funnel's or a cohort grid's CSV made
// in the browser, and the dashboard's JSON.
import { csvLine } from "@/lib/analytics/csv";
import { rangeBounds } from "@/lib/analytics/dashboard-constants";
import type { Widget } from "@/lib/analytics/dashboard-spec";

import type { WidgetData } from "./widget-view";

/** The widget's figures as CSV: its metric, range (as from/to), grain and grouping. */
export function csvHref(base: string, extra: Record<string, string>, w: Widget): string {
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
export function localCsv(data: WidgetData | undefined): string {
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

export function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

export const slugOf = (text: string) => text.replace(/[^A-Za-z0-9_-]+/g, "-").toLowerCase() || "dashboard";
