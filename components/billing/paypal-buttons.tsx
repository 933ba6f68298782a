"use client";
// PayPal's Smart Buttons for a subscription: the subscription is created by a server action (our
// plan, custom_id = the workspace), the buyer approves it in PayPal's window, and a second action
// re-reads it from PayPal and records it. PayPal's JS SDK loads from PayPal's servers: when it
// cannot (offline, blocked, tests) or the buttons fail to render, a clear message replaces them and
// the rest of the page is unaffected.
import { Component, useEffect, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { PayPalButtons, PayPalScriptProvider, usePayPalScriptReducer } from "@paypal/react-paypal-js";

import { confirmPaypalSubscriptionAction, createPaypalSubscriptionAction } from "@/app/t/[slug]/billing/paypal-actions";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";
import type { Currency, PaidTier } from "@/lib/billing/catalog";
import type { BillingInterval } from "@/lib/db/generated/enums";
import { IDLE } from "@/components/workspace/action-types";

export interface PaypalButtonsProps {
  /** The workspace's slug (the actions resolve and authorise it). */
  slug: string;
  tier: PaidTier;
  interval: BillingInterval;
  currency: Currency;
  /** PAYPAL_CLIENT_ID (public); empty renders the unavailable message. */
  clientId: string;
}

/** Past this, a script still loading is probably blocked: say so (the buttons may still appear). */
const SLOW_LOAD_MS = 15_000;

function Unavailable() {
  return (
    <Alert variant="warning">
      <AlertTitle>PayPal is unavailable right now</AlertTitle>
      <AlertDescription>
        <p>PayPal&apos;s checkout could not be loaded. Check your connection, or choose another way to pay.</p>
      </AlertDescription>
    </Alert>
  );
}

/** Keeps a failure inside PayPal's component from taking the page down. */
class ButtonsBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  render() {
    return this.state.failed ? <Unavailable /> : this.props.children;
  }
}

type Outcome = { kind: "idle" } | { kind: "error" | "info" | "success"; message: string };

function OutcomeMessage({ outcome }: { outcome: Outcome }) {
  if (outcome.kind === "idle") return null;
  const variant = outcome.kind === "error" ? "destructive" : outcome.kind;
  return (
    <Alert variant={variant}>
      <AlertDescription>
        <p>{outcome.message}</p>
      </AlertDescription>
    </Alert>
  );
}

function Buttons({ slug, tier, interval, currency }: Omit<PaypalButtonsProps, "clientId">) {
  const [{ isPending, isRejected }] = usePayPalScriptReducer();
  const [outcome, setOutcome] = useState<Outcome>({ kind: "idle" });
  const [slow, setSlow] = useState(false);
  const router = useRouter();

  useEffect(() => {
    if (!isPending) return;
    const timer = setTimeout(() => setSlow(true), SLOW_LOAD_MS);
    return () => clearTimeout(timer);
  }, [isPending]);

  if (isRejected) return <Unavailable />;

  return (
    <div className="grid gap-3" aria-busy={isPending}>
      {isPending && (
        <p role="status" className="flex items-center gap-2 text-sm text-muted-foreground">
          <Spinner />
          {slow ? "PayPal is taking a while to load…" : "Loading PayPal…"}
        </p>
      )}
      <PayPalButtons
        style={{ layout: "vertical", label: "subscribe", shape: "rect" }}
        forceReRender={[tier, interval, currency]}
        createSubscription={async () => {
          setOutcome({ kind: "idle" });
          const result = await createPaypalSubscriptionAction(slug, IDLE, { tier, interval, currency });
          if (result.status !== "success" || !result.data) {
            const message = result.status === "error" ? result.message : "PayPal checkout could not start.";
            setOutcome({ kind: "error", message });
            throw new Error(message);
          }
          return result.data.subscriptionId;
        }}
        onApprove={async (data) => {
          if (!data.subscriptionID) {
            setOutcome({ kind: "error", message: "PayPal did not return the subscription." });
            return;
          }
          setOutcome({ kind: "info", message: "Recording your subscription…" });
          const result = await confirmPaypalSubscriptionAction(slug, IDLE, { subscriptionId: data.subscriptionID });
          if (result.status === "error") {
            setOutcome({ kind: "error", message: result.message });
            return;
          }
          setOutcome({ kind: "success", message: "Your PayPal subscription is active." });
          router.refresh();
        }}
        onCancel={() =>
          setOutcome({ kind: "info", message: "You closed PayPal before approving; nothing was charged." })
        }
        onError={() =>
          setOutcome((current) =>
            current.kind === "error"
              ? current
              : { kind: "error", message: "PayPal reported an error; please try again." },
          )
        }
      />
      <div aria-live="polite">
        <OutcomeMessage outcome={outcome} />
      </div>
    </div>
  );
}

/** PayPal subscription buttons for one plan; place it where the customer picks how to pay. */
export function PaypalSubscribeButtons({ clientId, currency, ...plan }: PaypalButtonsProps) {
  if (!clientId) return <Unavailable />;
  return (
    <section aria-label="Pay with PayPal">
      <ButtonsBoundary>
        <PayPalScriptProvider
          options={{
            clientId,
            vault: true,
            intent: "subscription",
            currency: currency.toUpperCase(),
            components: "buttons",
          }}
        >
          <Buttons currency={currency} {...plan} />
        </PayPalScriptProvider>
      </ButtonsBoundary>
    </section>
  );
}
