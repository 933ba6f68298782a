"use client";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

import { IDLE, type BoundAction } from "../action-types";
import { CopyButton } from "../copy-button";
import { Time } from "../time";
import { useAction } from "@/components/actions/use-action";

export interface PendingDomain {
  domain: string;
  expiresAt: string;
  expired: boolean;
  record: { type: string; name: string; value: string };
}

/**
 * A claimed domain waiting for its DNS proof: the TXT record to create, when the claim lapses, and
 * "Verify now" (lib/tenancy/domains.ts checks the record and answers what it found).
 */
export function DomainVerification({
  pending,
  verify,
  verifiedDomain,
}: {
  pending: PendingDomain;
  /** The bound verify action; absent for members who cannot change branding. */
  verify?: BoundAction;
  /** The domain served until this one is verified, if any. */
  verifiedDomain?: string | null;
}) {
  const { formAction, error } = useAction(verify ?? (async () => IDLE));

  if (pending.expired) {
    return (
      <Alert variant="warning" data-testid="domain-claim-expired">
        <AlertTitle>The claim on {pending.domain} expired</AlertTitle>
        <AlertDescription>
          <p>
            It was not verified by <Time value={pending.expiresAt} withTime />. Save the domain again to restart
            verification.
          </p>
        </AlertDescription>
      </Alert>
    );
  }

  const rows = [
    { label: "Type", value: pending.record.type, copy: false },
    { label: "Name", value: pending.record.name, copy: true },
    { label: "Value", value: pending.record.value, copy: true },
  ];

  return (
    <section
      className="grid gap-4 rounded-lg border p-4"
      aria-labelledby="domain-verification"
      data-testid="domain-pending"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h3 id="domain-verification" className="font-medium">
          Verify {pending.domain}
        </h3>
        <Badge variant="warning">Pending verification</Badge>
      </div>
      <p className="text-sm text-muted-foreground">
        Prove that you control this domain: add the DNS record below at your DNS provider, then choose “Verify now”.
        Until it is verified the domain is not served
        {verifiedDomain ? <> (this workspace stays on {verifiedDomain})</> : null}, and the claim lapses on{" "}
        <Time value={pending.expiresAt} withTime />.
      </p>
      <dl className="grid gap-2 text-sm sm:grid-cols-[5rem_1fr]" data-testid="domain-record">
        {rows.map((row) => (
          <div key={row.label} className="contents">
            <dt className="text-muted-foreground">{row.label}</dt>
            <dd className="flex flex-wrap items-center gap-2">
              <code className="rounded bg-muted px-2 py-1 break-all">{row.value}</code>
              {row.copy && <CopyButton value={row.value} label={`Copy ${row.label.toLowerCase()}`} />}
            </dd>
          </div>
        ))}
      </dl>
      {verify && (
        <form action={formAction} className="grid gap-2">
          {error && <FormMessage>{error.message}</FormMessage>}
          <SubmitButton className="w-fit" pendingLabel="Checking DNS…">
            Verify now
          </SubmitButton>
        </form>
      )}
    </section>
  );
}
