"use client";
// Repeated rows of fields in an operator form (invoice lines, payout payees): the rows' state, and
// the editor that lays them out as a numbered list of fieldsets with a remove button each and an
// "Add" button below. Fields post as `<name>.<index>.<field>`, the shape the server's schemas read
// and report field errors under.
import * as React from "react";
import { Plus, Trash2 } from "lucide-react";

import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export type Keyed<T> = T & { key: number };

/** Rows of a form, each with a stable key; `blank` makes a new row (given the last one, to copy from). */
export function useRows<T extends object>(blank: (last: T | undefined) => T) {
  const nextKey = React.useRef(1);
  const [rows, setRows] = React.useState<Keyed<T>[]>(() => [{ ...blank(undefined), key: 0 }]);
  return {
    rows,
    update: (key: number, patch: Partial<T>) =>
      setRows((current) => current.map((row) => (row.key === key ? { ...row, ...patch } : row))),
    add: () => setRows((current) => [...current, { ...blank(current.at(-1)), key: nextKey.current++ }]),
    remove: (key: number) => setRows((current) => current.filter((row) => row.key !== key)),
    /** Back to one blank row (after the form was sent). */
    reset: () => setRows([{ ...blank(undefined), key: nextKey.current++ }]),
  };
}

type StringKeys<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T] & string;

/** What a row's fields are built with. */
export interface RowTools<T> {
  /** Props of a `<Field>` for one of the row's values: numbered label, posted name, id and errors. */
  field: (
    key: keyof T & string,
    label: string,
  ) => { label: React.ReactNode; name: string; id: string; error?: string[] };
  /** A `<Field>` with a text input editing one of the row's text values (`required` marks the field). */
  input: (key: StringKeys<T>, label: string, props?: React.ComponentProps<typeof Input>) => React.ReactNode;
  update: (patch: Partial<T>) => void;
}

/** An amount in major units ("25.50"). */
export const AMOUNT_INPUT = { inputMode: "decimal", className: "tabular-nums" } as const;

export function RowEditor<T extends object>({
  rows,
  noun,
  name,
  fieldError,
  max,
  legendClassName = "sr-only",
  className,
  removeClassName,
  children,
}: {
  rows: ReturnType<typeof useRows<T>>;
  /** What one row is ("Line", "Payee"): numbers the rows for assistive tech and names the buttons ("Add line"). */
  noun: string;
  /** The rows' field name prefix ("lines", "items"); also of the fields' ids. */
  name: string;
  fieldError: (name: string) => string[] | undefined;
  max: number;
  /** The row's legend ("Payee 1"): visually hidden unless classes show it. */
  legendClassName?: string;
  /** The row's grid (columns, padding). */
  className?: string;
  removeClassName?: string;
  children: (row: Keyed<T>, tools: RowTools<T>) => React.ReactNode;
}) {
  const lower = noun.toLowerCase();
  return (
    <div className="grid gap-3">
      <ol className="grid gap-3">
        {rows.rows.map((row, index) => {
          const field: RowTools<T>["field"] = (key, label) => ({
            label: (
              <>
                <span className="sr-only">
                  {noun} {index + 1}{" "}
                </span>
                {label}
              </>
            ),
            name: `${name}.${index}.${key}`,
            id: `${name}-${row.key}-${key}`,
            error: fieldError(`${name}.${index}.${key}`),
          });
          const tools: RowTools<T> = {
            field,
            input: (key, label, { required, ...props } = {}) => (
              <Field {...field(key, label)} required={required}>
                {(control) => (
                  <Input
                    {...control}
                    {...props}
                    value={row[key] as string}
                    onChange={(event) => rows.update(row.key, { [key]: event.target.value } as Partial<T>)}
                  />
                )}
              </Field>
            ),
            update: (patch) => rows.update(row.key, patch),
          };
          return (
            <li key={row.key}>
              <fieldset className={cn("grid gap-3 rounded-lg border p-3", className)}>
                <legend className={legendClassName}>
                  {noun} {index + 1}
                </legend>
                {children(row, tools)}
                <Button
                  type="button"
                  variant="ghost"
                  size="icon"
                  className={cn("self-end", removeClassName)}
                  onClick={() => rows.remove(row.key)}
                  disabled={rows.rows.length === 1}
                  aria-label={`Remove ${lower} ${index + 1}`}
                >
                  <Trash2 aria-hidden />
                </Button>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <Button
        type="button"
        variant="outline"
        className="justify-self-start"
        onClick={rows.add}
        disabled={rows.rows.length >= max}
      >
        <Plus aria-hidden />
        Add {lower}
      </Button>
    </div>
  );
}
