"use client";

import * as React from "react";

import { Field, FormMessage } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";

import type { BoundAction } from "../action-types";
import { useAction } from "@/components/actions/use-action";

const HEX = /^#[0-9a-fA-F]{6}$/;
const DEFAULT_COLOR = "#4f46e5";

export interface BrandingValues {
  brandLogoUrl: string;
  brandPrimaryColor: string;
  customDomain: string;
}

/** Logo URL, primary colour (picker + hex) and custom domain, for White label workspaces. */
export function BrandingForm({
  action,
  initial,
  appHost,
  disabled,
}: {
  action: BoundAction;
  initial: BrandingValues;
  appHost: string;
  disabled?: boolean;
}) {
  const [values, setValues] = React.useState(initial);
  const set = (key: keyof BrandingValues) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setValues((v) => ({ ...v, [key]: event.target.value }));
  const { formAction, error } = useAction(action);
  const fe = error?.fieldErrors ?? {};
  const color = HEX.test(values.brandPrimaryColor) ? values.brandPrimaryColor : DEFAULT_COLOR;
  const unchanged =
    values.brandLogoUrl === initial.brandLogoUrl &&
    values.brandPrimaryColor === initial.brandPrimaryColor &&
    values.customDomain === initial.customDomain;

  return (
    <form action={formAction} className="grid max-w-lg gap-5">
      <Field
        label="Logo URL"
        name="brandLogoUrl"
        error={fe.brandLogoUrl}
        description="An https:// link to a square image. Shown in the sidebar instead of the Tessera logo."
      >
        {(props) => (
          <Input
            {...props}
            type="url"
            inputMode="url"
            placeholder="https://example.com/logo.png"
            value={values.brandLogoUrl}
            onChange={set("brandLogoUrl")}
            maxLength={500}
            disabled={disabled}
          />
        )}
      </Field>

      <Field
        label="Primary colour"
        name="brandPrimaryColor"
        error={fe.brandPrimaryColor}
        description="A hex colour like #0f766e, used for accents. Leave empty for the default."
      >
        {(props) => (
          <div className="flex items-center gap-2">
            <input
              type="color"
              value={color}
              onChange={(event) => setValues((v) => ({ ...v, brandPrimaryColor: event.target.value }))}
              aria-label="Pick the primary colour"
              disabled={disabled}
              className="h-9 w-12 shrink-0 cursor-pointer rounded-md border border-input bg-background p-1 disabled:cursor-not-allowed disabled:opacity-50"
            />
            <Input
              {...props}
              value={values.brandPrimaryColor}
              onChange={set("brandPrimaryColor")}
              placeholder={DEFAULT_COLOR}
              maxLength={7}
              spellCheck={false}
              autoComplete="off"
              className="w-32 font-mono"
              disabled={disabled}
            />
            <span
              aria-hidden
              className="flex h-9 items-center rounded-md px-3 text-sm font-medium"
              style={{ backgroundColor: color, color: "#fff", textShadow: "0 0 2px rgb(0 0 0 / 0.6)" }}
            >
              Preview
            </span>
          </div>
        )}
      </Field>

      <Field
        label="Custom domain"
        name="customDomain"
        error={fe.customDomain}
        description={
          <>
            Serve this workspace at your own domain: point a CNAME record at <code>{appHost}</code> and enter the domain
            here. After saving, prove you control it with the TXT record shown below; it is served once verified. Leave
            empty to remove it.
          </>
        }
      >
        {(props) => (
          <Input
            {...props}
            placeholder="portal.example.com"
            value={values.customDomain}
            onChange={set("customDomain")}
            maxLength={253}
            spellCheck={false}
            autoComplete="off"
            disabled={disabled}
          />
        )}
      </Field>

      {error && Object.keys(fe).length === 0 && <FormMessage>{error.message}</FormMessage>}
      {!disabled && (
        <SubmitButton className="w-fit" pendingLabel="Saving…" disabled={unchanged}>
          Save branding
        </SubmitButton>
      )}
    </form>
  );
}
