"use client";
// The knowledge base's articles: sortable by title, collection, version and date; searchable by
// title and excerpt; filterable by collection, tag and state.
import { createDataTableColumnHelper, DataTable } from "@/components/tables/data-table";
import { Badge } from "@/components/ui/badge";

import { Time } from "../workspace/time";

export interface ArticleRow {
  id: string;
  title: string;
  href: string;
  excerpt: string;
  collection: string;
  tags: string[];
  state: "Published" | "Draft";
  version: number;
  updatedBy: string;
  updatedAt: Date;
}

const col = createDataTableColumnHelper<ArticleRow>();

const columns = col.columns([
  col.accessor("title", {
    header: "Title",
    meta: { rowHeader: true },
    sortFn: "text",
    cell: ({ row }) => (
      <div className="grid gap-1">
        <a href={row.original.href} className="font-medium underline-offset-4 hover:underline">
          {row.original.title}
        </a>
        <span className="line-clamp-2 text-xs text-muted-foreground">{row.original.excerpt}</span>
      </div>
    ),
  }),
  col.accessor("collection", {
    header: "Collection",
    sortFn: "text",
    filterFn: "equalsString",
    cell: ({ getValue }) => getValue() || "—",
  }),
  col.accessor("tags", {
    header: "Tags",
    filterFn: "arrIncludes",
    enableGlobalFilter: false,
    cell: ({ row }) => (
      <div className="flex flex-wrap gap-1">
        {row.original.tags.map((tag) => (
          <Badge key={tag} variant="outline">
            {tag}
          </Badge>
        ))}
      </div>
    ),
  }),
  col.accessor("state", {
    header: "State",
    filterFn: "equalsString",
    cell: ({ getValue }) => <Badge variant={getValue() === "Published" ? "default" : "secondary"}>{getValue()}</Badge>,
  }),
  col.accessor("version", {
    header: "Version",
    sortFn: "basic",
    enableGlobalFilter: false,
    meta: { align: "end" },
    cell: ({ getValue }) => <span className="tabular-nums">v{getValue()}</span>,
  }),
  col.accessor("updatedAt", {
    header: "Updated",
    sortFn: "datetime",
    enableGlobalFilter: false,
    cell: ({ row, getValue }) => (
      <span className="grid text-xs">
        <Time value={getValue()} className="whitespace-nowrap tabular-nums" />
        <span className="break-all text-muted-foreground">{row.original.updatedBy}</span>
      </span>
    ),
  }),
]);

export function ArticlesTable({
  articles,
  collections,
  tags,
}: {
  articles: ArticleRow[];
  collections: string[];
  tags: string[];
}) {
  return (
    <DataTable
      label="Articles"
      columns={columns}
      data={articles}
      getRowId={(a) => a.id}
      searchPlaceholder="Filter titles and text"
      filters={[
        { columnId: "collection", label: "Collection", options: collections.map((c) => ({ value: c, label: c })) },
        { columnId: "tags", label: "Tag", options: tags.map((t) => ({ value: t, label: t })) },
        {
          columnId: "state",
          label: "State",
          options: [
            { value: "Published", label: "Published" },
            { value: "Draft", label: "Draft" },
          ],
        },
      ]}
      initialSorting={[{ id: "updatedAt", desc: true }]}
      emptyMessage="No articles yet. Write the first one."
      className="min-w-0 [&>*]:min-w-0"
    />
  );
}
