// The dashboard grid's geometry, shared by the static grid (CSS grid, no library), the drag grid
// (react-grid-layout, loaded when a pointer comes over an editable dashboard) and the keyboard
// moves. Only react-grid-layout's pure core is imported here (a few kB), not its React part.
import { moveElement, verticalCompactor, type Layout } from "react-grid-layout/core";

import { GRID_COLUMNS } from "@/lib/analytics/dashboard-constants";
import type { Widget } from "@/lib/analytics/dashboard-spec";

export type { Layout };

/** Row height and gaps in px; the drag grid's container padding equals the margin (its default). */
export const ROW_HEIGHT = 60;
export const MARGIN = 12;

export function toLayout(widgets: readonly Widget[]): Layout {
  return widgets.map((w) => ({ i: w.id, ...w.layout, minW: 2, minH: 2 }));
}

/** Where each widget is drawn: the stored layout compacted upwards, as the drag grid shows it. */
export function compactLayout(widgets: readonly Widget[]): Layout {
  return verticalCompactor.compact(toLayout(widgets), GRID_COLUMNS);
}

/** Applies a layout (from a drag, a resize or the keyboard) to the widgets; null when nothing moved. */
export function applyLayout(widgets: Widget[], layout: Layout): Widget[] | null {
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

/** The layout after moving (or, with `resize`, resizing) one widget by a step of the keyboard. */
export function nudge(widgets: readonly Widget[], w: Widget, dx: number, dy: number, resize: boolean): Layout | null {
  const layout = toLayout(widgets);
  if (resize) {
    const width = Math.min(GRID_COLUMNS - w.layout.x, Math.max(2, w.layout.w + dx));
    const height = Math.min(20, Math.max(2, w.layout.h + dy));
    return verticalCompactor.compact(
      layout.map((l) => (l.i === w.id ? { ...l, w: width, h: height } : l)),
      GRID_COLUMNS,
    );
  }
  const item = layout.find((l) => l.i === w.id);
  if (!item) return null;
  const x = Math.min(GRID_COLUMNS - w.layout.w, Math.max(0, w.layout.x + dx));
  const y = Math.max(0, w.layout.y + dy);
  return verticalCompactor.compact(
    moveElement(layout, item, x, y, true, false, "vertical", GRID_COLUMNS),
    GRID_COLUMNS,
  );
}
