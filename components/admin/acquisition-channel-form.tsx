"use client";
// The operator sets the channel a workspace signed up through (per-channel CAC on /admin/analytics
// counts its first payment under it). Known channels are offered as suggestions; an empty field
// marks the channel unknown. Field errors show under the field; success toasts.
import { Field, FormMessage } from "@/components/ui/field";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { useAction } from "@/components/actions/use-action";

import { setAcquisitionChannelAction } from "@/app/admin/actions";

export function AcquisitionChannelForm({
  tenantId,
  channel,
  channels,
}: {
  tenantId: string;
  channel: string | null;
  /** Channel names already in use (workspaces and spend entries). */
  channels: readonly string[];
}) {
  const form = useAction(setAcquisitionChannelAction);
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h3">Acquisition channel</CardTitle>
        <CardDescription>
          {channel
            ? `The workspace came through “${channel}”; its first payment counts towards that channel's CAC.`
            : "Unknown: the workspace counts towards no channel's CAC."}{" "}
          Leave empty to clear it.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form action={form.formAction} className="grid gap-4" noValidate data-testid="acquisition-channel-form">
          <input type="hidden" name="tenantId" value={tenantId} />
          <Field label="Channel" name="channel" id="acquisition-channel" error={form.fieldError("channel")}>
            {(props) => (
              <Input
                {...props}
                defaultValue={form.value("channel", channel ?? "")}
                list="acquisition-channel-options"
                placeholder="e.g. ads, content, partner"
                autoCapitalize="none"
                spellCheck={false}
                maxLength={60}
              />
            )}
          </Field>
          <datalist id="acquisition-channel-options">
            {channels.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
          <FormMessage>{form.formError}</FormMessage>
          <SubmitButton className="justify-self-start" pendingLabel="Saving…">
            Save channel
          </SubmitButton>
        </form>
      </CardContent>
    </Card>
  );
}
