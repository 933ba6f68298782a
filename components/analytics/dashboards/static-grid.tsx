import * as React from "react";

import { GRID_COLUMNS } from "@/lib/analytics/dashboard-constants";

import { MARGIN, ROW_HEIGHT, type Layout } from "./grid-layout";

type Item = React.ReactElement<{ style?: React.CSSProperties }>;

/**
 * The dashboard grid without a library: a CSS grid of 12 columns and 60 px rows with the drag
 * grid's gaps and padding, each widget placed from its (compacted) layout, so the page looks the
 * same before and after react-grid-layout takes over. Children are keyed by widget id.
 */
export function StaticGrid({ layout, children }: { layout: Layout; children: Item[] }) {
  const byId = new Map(layout.map((item) => [item.i, item]));
  return (
    <div
      className="grid"
      style={{
        gridTemplateColumns: `repeat(${GRID_COLUMNS}, minmax(0, 1fr))`,
        gridAutoRows: ROW_HEIGHT,
        gap: MARGIN,
        padding: MARGIN,
      }}
    >
      {children.map((child) => {
        const item = byId.get(String(child.key));
        if (!item) return child;
        return React.cloneElement(child, {
          style: {
            ...child.props.style,
            gridColumn: `${item.x + 1} / span ${item.w}`,
            gridRow: `${item.y + 1} / span ${item.h}`,
          },
        });
      })}
    </div>
  );
}
