import type { FieldControlProps } from "./field";
import { NativeSelect } from "./native-select";

export type SelectOption = { value: string; label: string };

/**
 * A select as a `<Field>`'s control: `{(field) => <FieldSelect field={field} options={…} value={v} onValueChange={setV} />}`.
 * The field's name posts the value; its other props wire up the control. A native <select>
 * (./native-select.tsx): a form's one-of-a-few choice needs no Radix Select's script.
 */
export function FieldSelect({
  field,
  options,
  value,
  onValueChange,
  placeholder,
  className,
}: {
  field: FieldControlProps;
  options: readonly SelectOption[];
  value: string;
  onValueChange: (value: string) => void;
  /** Shown while no option is chosen (value ""); not choosable itself. */
  placeholder?: string;
  className?: string;
}) {
  return (
    <NativeSelect
      {...field}
      className={className}
      value={value}
      onChange={(event) => onValueChange(event.target.value)}
    >
      {placeholder !== undefined && (
        <option value="" disabled>
          {placeholder}
        </option>
      )}
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </NativeSelect>
  );
}
