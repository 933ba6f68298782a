import * as React from "react";
import { cn } from "./cn";
import { Label } from "./label";

/** Props handed to the control rendered by `<Field>`; spread them onto it. */
export type FieldControlProps = {
  id: string;
  name: string;
  required?: boolean;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
};

export type FieldProps = {
  label: React.ReactNode;
  /** Form field name; also the base of the control's id unless `id` is given. */
  name: string;
  id?: string;
  description?: React.ReactNode;
  /** Error message (e.g. `state.errors?.email?.[0]`). Sets aria-invalid and is announced. */
  error?: string | string[] | null;
  required?: boolean;
  className?: string;
  /** Render the control with the wiring props: `{(props) => <Input {...props} type="email" />}`. */
  children: (props: FieldControlProps) => React.ReactNode;
};

/**
 * Label + control + description + error, wired for assistive tech (label `for`, `aria-describedby`,
 * `aria-invalid`). Works in Server and Client Components.
 *
 * ```tsx
 * <Field label="Email" name="email" error={state.errors?.email}>
 *   {(props) => <Input type="email" autoComplete="email" {...props} />}
 * </Field>
 * ```
 */
export function Field({ label, name, id, description, error, required, className, children }: FieldProps) {
  const controlId = id ?? `field-${name}`;
  const descriptionId = description ? `${controlId}-description` : undefined;
  const messages = (Array.isArray(error) ? error : error ? [error] : []).filter(Boolean);
  const errorId = messages.length > 0 ? `${controlId}-error` : undefined;
  const describedBy = [descriptionId, errorId].filter(Boolean).join(" ") || undefined;

  return (
    <div data-slot="field" data-invalid={errorId ? "" : undefined} className={cn("grid gap-2", className)}>
      <Label htmlFor={controlId}>
        {label}
        {required && (
          <span className="text-destructive" aria-hidden>
            *
          </span>
        )}
      </Label>
      {children({
        id: controlId,
        name,
        ...(required ? { required: true } : {}),
        ...(errorId ? { "aria-invalid": true as const } : {}),
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
      })}
      {description && (
        <p id={descriptionId} className="text-sm text-muted-foreground">
          {description}
        </p>
      )}
      {errorId && (
        <p id={errorId} className="text-sm font-medium text-destructive">
          {messages.join(" ")}
        </p>
      )}
    </div>
  );
}

/** Error summary for a whole form (e.g. `state.formError`). Announced when it appears. */
export function FormMessage({ className, children, ...props }: React.ComponentProps<"p">) {
  if (!children) return null;
  return (
    <p role="alert" className={cn("text-sm font-medium text-destructive", className)} {...props}>
      {children}
    </p>
  );
}
