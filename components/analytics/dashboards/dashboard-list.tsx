"use client";
// The dashboards of a workspace (or the operator's): a sortable, filterable list, a form to
// create one and a form to import an exported JSON file.
import Link from "next/link";
import { useRouter } from "next/navigation";
import * as React from "react";

import { SortHeader } from "@/components/tables/sort-header";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { SHARING_LABELS, type Sharing } from "@/lib/analytics/dashboard-constants";

import type { BoundAction } from "./types";
import { IDLE } from "@/components/workspace/action-types";

export interface DashboardRow {
  id: string;
  name: string;
  sharing: Sharing;
  widgets: number;
  updatedAt: string;
}

export function DashboardList({
  rows,
  baseHref,
  canCreate,
  create,
  importFile,
}: {
  rows: DashboardRow[];
  baseHref: string;
  canCreate: boolean;
  create: BoundAction<{ id: string }>;
  importFile: BoundAction<{ id: string }>;
}) {
  const router = useRouter();
  const [error, setError] = React.useState<string | null>(null);
  const [filter, setFilter] = React.useState("");
  const [sort, setSort] = React.useState<"name" | "updatedAt">("updatedAt");
  const shown = rows
    .filter((r) => r.name.toLowerCase().includes(filter.trim().toLowerCase()))
    .sort((a, b) => (sort === "name" ? a.name.localeCompare(b.name) : b.updatedAt.localeCompare(a.updatedAt)));

  return (
    <div className="grid gap-6">
      {canCreate && (
        <div className="grid gap-4 md:grid-cols-2">
          <form
            aria-label="New dashboard"
            className="flex items-end gap-2 rounded-md border p-3"
            onSubmit={async (e) => {
              e.preventDefault();
              const name = String(new FormData(e.currentTarget).get("name") ?? "");
              const result = await create(IDLE, { name });
              if (result.status === "success" && result.data) router.push(`${baseHref}/${result.data.id}`);
              else setError(result.status === "error" ? result.message : null);
            }}
          >
            <div className="grid flex-1 gap-1">
              <Label htmlFor="new-dashboard-name">New dashboard</Label>
              <Input id="new-dashboard-name" name="name" required maxLength={80} placeholder="Name" />
            </div>
            <Button type="submit">Create</Button>
          </form>
          <form
            aria-label="Import a dashboard"
            className="flex items-end gap-2 rounded-md border p-3"
            onSubmit={async (e) => {
              e.preventDefault();
              const file = (new FormData(e.currentTarget).get("file") as File | null) ?? null;
              if (!file || file.size === 0) return setError("Choose an exported dashboard (.json).");
              if (file.size > 256_000) return setError("That file is too large for a dashboard.");
              const result = await importFile(IDLE, { file: await file.text() });
              if (result.status === "success" && result.data) router.push(`${baseHref}/${result.data.id}`);
              else setError(result.status === "error" ? result.message : null);
            }}
          >
            <div className="grid flex-1 gap-1">
              <Label htmlFor="import-dashboard">Import JSON</Label>
              <Input id="import-dashboard" name="file" type="file" accept="application/json,.json" />
            </div>
            <Button type="submit" variant="outline">
              Import
            </Button>
          </form>
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      )}
      <div className="flex flex-wrap items-end gap-3">
        <div className="grid gap-1">
          <Label htmlFor="dashboard-filter">Filter</Label>
          <Input id="dashboard-filter" value={filter} onChange={(e) => setFilter(e.target.value)} className="w-56" />
        </div>
      </div>
      <table className="w-full text-sm">
        <caption className="sr-only">Dashboards</caption>
        <thead>
          <tr className="border-b text-left text-muted-foreground">
            <SortHeader column="name" sort={sort} direction="ascending" onSort={setSort}>
              Name
            </SortHeader>
            <th scope="col" className="py-2 font-medium">
              Sharing
            </th>
            <th scope="col" className="py-2 text-right font-medium">
              Widgets
            </th>
            <SortHeader column="updatedAt" sort={sort} direction="descending" onSort={setSort} className="text-right">
              Updated
            </SortHeader>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.id} className="border-b">
              <th scope="row" className="py-2 text-left font-normal">
                <Link href={`${baseHref}/${r.id}`} className="font-medium underline-offset-4 hover:underline">
                  {r.name}
                </Link>
              </th>
              <td className="py-2">{SHARING_LABELS[r.sharing]}</td>
              <td className="py-2 text-right tabular-nums">{r.widgets}</td>
              <td className="py-2 text-right tabular-nums">{r.updatedAt.slice(0, 16).replace("T", " ")}</td>
            </tr>
          ))}
          {shown.length === 0 && (
            <tr>
              <td colSpan={4} className="py-6 text-center text-muted-foreground">
                No dashboards{filter ? " match" : " yet"}.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
