// Billing emails: trial ending, payment failed, action required, upcoming invoice. Sent after the
// webhook's transaction commits, to the workspace's owners and billing members and to the
// billing email on file.
import "server-only";

import { getDb } from "../db/client";
import { sendEmail } from "../email/send";
import { env } from "../env";
import { formatMoney } from "../format";
import type { BillingNotice } from "./events";

const SUBJECTS: Record<BillingNotice["notice"], string> = {
  trial_will_end: "Your trial ends soon",
  payment_failed: "A payment failed",
  payment_action_required: "Your payment needs your confirmation",
  invoice_upcoming: "Your next invoice",
};

function body(notice: BillingNotice, workspace: string, portalUrl: string): string {
  const amount = notice.amount !== null && notice.currency ? formatMoney(notice.amount, notice.currency) : null;
  const due = notice.dueAt ? notice.dueAt.toISOString().slice(0, 10) : null;
  const lines: Record<BillingNotice["notice"], string> = {
    trial_will_end: `The trial of ${workspace} ends${due ? ` on ${due}` : " soon"}. Choose a plan to keep your features.`,
    payment_failed: `We could not collect ${amount ?? "your last payment"} for ${workspace}. We will retry; please check your payment method.`,
    payment_action_required: `Your bank asks you to confirm the payment${amount ? ` of ${amount}` : ""} for ${workspace}.`,
    invoice_upcoming: `${workspace} will be charged ${amount ?? "its next invoice"}${due ? ` on ${due}` : ""}.`,
  };
  return `${lines[notice.notice]}\n\nManage billing: ${portalUrl}${notice.hostedUrl ? `\nInvoice: ${notice.hostedUrl}` : ""}\n`;
}

export interface BillingContacts {
  name: string;
  /** The workspace's billing page, where the emails send the reader. */
  portalUrl: string;
  /** Lower-cased, each once: the owners and billing members, and the billing email on file. */
  recipients: string[];
}

/** Who receives the workspace's billing emails; null when the tenant does not exist. */
export async function billingContacts(tenantId: string): Promise<BillingContacts | null> {
  const db = await getDb();
  const tenant = await db.tenant.findUnique({
    where: { id: tenantId },
    select: {
      name: true,
      slug: true,
      billingAccount: { select: { email: true } },
      memberships: { where: { role: { in: ["OWNER", "BILLING"] } }, select: { user: { select: { email: true } } } },
    },
  });
  if (!tenant) return null;
  const recipients = new Set(tenant.memberships.map((m) => m.user.email.toLowerCase()));
  if (tenant.billingAccount?.email) recipients.add(tenant.billingAccount.email.toLowerCase());
  const portalUrl = new URL(`/t/${tenant.slug}/billing`, env.APP_URL).toString();
  return { name: tenant.name, portalUrl, recipients: [...recipients] };
}

/** Emails a notice to the tenant's billing contacts; returns the addresses written to. */
export async function notifyBillingContacts(tenantId: string, notice: BillingNotice): Promise<string[]> {
  const contacts = await billingContacts(tenantId);
  if (!contacts) return [];
  for (const to of contacts.recipients) {
    await sendEmail({
      to,
      subject: `${SUBJECTS[notice.notice]} · ${contacts.name}`,
      text: body(notice, contacts.name, contacts.portalUrl),
    });
  }
  return contacts.recipients;
}
