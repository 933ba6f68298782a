"use client";
// react-grid-layout (with react-draggable, react-resizable and their styles): loaded by the
// builder when a pointer first comes over an editable dashboard, never for a view-only one.
import "react-grid-layout/css/styles.css";
import "react-resizable/css/styles.css";

import * as React from "react";
import ReactGridLayout, { verticalCompactor } from "react-grid-layout";

import { GRID_COLUMNS } from "@/lib/analytics/dashboard-constants";

import { MARGIN, ROW_HEIGHT, type Layout } from "./grid-layout";

export interface DragGridProps {
  width: number;
  layout: Layout;
  onLayoutChange: (layout: Layout) => void;
  children: React.ReactElement[];
}

/** Drag by the `.widget-drag-handle`, resize from the bottom-right corner. */
export function DragGrid({ width, layout, onLayoutChange, children }: DragGridProps) {
  return (
    <ReactGridLayout
      width={width}
      layout={layout}
      gridConfig={{ cols: GRID_COLUMNS, rowHeight: ROW_HEIGHT, margin: [MARGIN, MARGIN] }}
      dragConfig={{ enabled: true, handle: ".widget-drag-handle" }}
      resizeConfig={{ enabled: true, handles: ["se"] }}
      compactor={verticalCompactor}
      onLayoutChange={onLayoutChange}
    >
      {children}
    </ReactGridLayout>
  );
}
