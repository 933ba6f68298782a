"use client";

import * as React from "react";
import { useFormStatus } from "react-dom";
import { Button, type ButtonProps } from "./button";
import { Spinner } from "./spinner";

export type SubmitButtonProps = Omit<ButtonProps, "type" | "asChild"> & {
  /** Text shown while the form is submitting (defaults to the normal children). */
  pendingLabel?: React.ReactNode;
};

/**
 * A submit button for `<form action={…}>`: disabled, busy and showing a spinner while the
 * form's action runs (React `useFormStatus`). Must be rendered inside the form.
 */
export function SubmitButton({ children, pendingLabel, disabled, ...props }: SubmitButtonProps) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" disabled={pending || disabled} aria-busy={pending || undefined} {...props}>
      {pending ? (
        <>
          <Spinner />
          {pendingLabel ?? children}
        </>
      ) : (
        children
      )}
    </Button>
  );
}
