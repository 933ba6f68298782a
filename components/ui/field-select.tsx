"use client";

import type * as React from "react";

import type { FieldControlProps } from "./field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "./select";

export type SelectOption = { value: string; label: React.ReactNode };

/**
 * A Select as a `<Field>`'s control: `{(field) => <FieldSelect field={field} options={…} value={v} onValueChange={setV} />}`.
 * The field's name posts the value; its other props wire up the trigger.
 */
export function FieldSelect({
  field: { name, ...props },
  options,
  value,
  onValueChange,
}: {
  field: FieldControlProps;
  options: readonly SelectOption[];
  value: string;
  onValueChange: (value: string) => void;
}) {
  return (
    <Select name={name} value={value} onValueChange={onValueChange}>
      <SelectTrigger {...props}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {options.map((option) => (
          <SelectItem key={option.value} value={option.value}>
            {option.label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
