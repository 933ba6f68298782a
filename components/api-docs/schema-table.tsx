import type { ReactNode } from "react";

import { Table } from "@/components/ui/table";

import { schemaRows, type JsonSchema, type OpenApiDoc } from "./openapi-model";
import { InlineText } from "./rich-text";

// Cell styles are set once on the table (the reference has hundreds of rows: keep the HTML small).
const TABLE_CLASS =
  "text-xs [&_th]:h-9 [&_th]:px-3 [&_th]:text-left [&_th]:font-medium [&_td]:px-3 [&_td]:py-2 [&_td]:align-top " +
  "[&_td]:text-muted-foreground [&_tr]:border-b [&_tbody_tr:last-child]:border-0";

/** A compact table for the reference: the ui Table's scrollable, labelled container, lighter cells. */
export function DocTable({ label, head, children }: { label: string; head: string[]; children: ReactNode }) {
  return (
    <Table scrollLabel={label} className={TABLE_CLASS} containerClassName="rounded-lg border">
      <thead className="bg-muted/40">
        <tr>
          {head.map((cell) => (
            <th key={cell} scope="col">
              {cell}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </Table>
  );
}

export function Required() {
  return <span className="ml-1.5 text-[0.65rem] font-medium text-primary">required</span>;
}

export function Constraints({ items }: { items: string[] }) {
  if (items.length === 0) return null;
  return <span className="block font-mono text-[0.7rem] break-words">{items.join(" · ")}</span>;
}

/**
 * A JSON schema as a table of fields; nested fields are indented under their parent. Responses
 * always carry every field (null when empty), so "required" is marked on inputs only.
 */
export function SchemaTable({
  doc,
  schema,
  label,
  markRequired = false,
}: {
  doc: OpenApiDoc;
  schema: JsonSchema;
  label: string;
  markRequired?: boolean;
}) {
  const rows = schemaRows(doc, schema);
  if (rows.length === 0) return null;
  return (
    <DocTable label={label} head={["Field", "Type", "Description"]}>
      {rows.map((row) => (
        <tr key={row.key}>
          <td style={row.depth ? { paddingLeft: `${0.75 + row.depth}rem` } : undefined}>
            {row.depth > 0 && <span aria-hidden>└ </span>}
            <code className="font-mono font-medium break-words text-foreground">{row.name}</code>
            {markRequired && row.required && <Required />}
          </td>
          <td className="font-mono whitespace-nowrap">{row.type}</td>
          <td>
            {row.description && <InlineText text={row.description} />}
            <Constraints items={row.constraints} />
          </td>
        </tr>
      ))}
    </DocTable>
  );
}
