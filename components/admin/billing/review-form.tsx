"use client";
// The parts of a "review, then confirm" operator form (new invoice, new payout): the form is
// submitted once with intent=review, the server checks and prices it, the review is shown, and a
// second submission with intent=send creates it. The fields are React state kept across tries.
import * as React from "react";

import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";

/** What these helpers read of `useAction`'s result. */
interface ActionForm {
  state: { status: string; seq?: number };
  formAction: (data: FormData) => void;
  pending: boolean;
}

/**
 * Submits through the action without React's automatic reset of the form afterwards (which would
 * also snap the Radix selects back to their first value): the fields are state, kept across tries.
 * The submitting button's name and value (e.g. intent=review) are sent along; `prepare` may add
 * fields (a nonce) to what is sent.
 */
export function useStatefulSubmit(
  form: Pick<ActionForm, "formAction" | "pending">,
  prepare?: (data: FormData) => void,
) {
  return (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (form.pending) return;
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    prepare?.(data);
    React.startTransition(() => form.formAction(data));
  };
}

/**
 * The review the server answered with, or null while editing. A submission that failed (e.g. a
 * send refused) closes the review, so the errors in the form can be read.
 */
export function useReviewStep<R>(form: Pick<ActionForm, "state">) {
  const [review, setReview] = React.useState<R | null>(null);
  const [seenSeq, setSeenSeq] = React.useState(0);
  const seq = form.state.seq ?? 0;
  if (seq !== seenSeq) {
    setSeenSeq(seq);
    if (form.state.status === "error") setReview(null);
  }
  return [review, setReview] as const;
}

/** A submit button for a form whose pending state is known (useAction): disabled and busy while it runs. */
export function PendingButton({
  pending,
  pendingLabel,
  disabled,
  children,
  ...props
}: React.ComponentProps<typeof Button> & { pending: boolean; pendingLabel: string }) {
  return (
    <Button type="submit" disabled={pending || disabled} aria-busy={pending || undefined} {...props}>
      {pending ? (
        <>
          <Spinner />
          {pendingLabel}
        </>
      ) : (
        children
      )}
    </Button>
  );
}
