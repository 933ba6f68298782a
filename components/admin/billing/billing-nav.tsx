// The operator console's billing section: one tab strip shared by its pages.
import Link from "next/link";

import { cn } from "@/components/ui/cn";

export const BILLING_SECTIONS = [
  { href: "/admin/billing", label: "Revenue" },
  { href: "/admin/billing/customers", label: "Customers" },
  { href: "/admin/billing/paypal", label: "PayPal" },
  { href: "/admin/billing/invoices", label: "Invoices" },
  { href: "/admin/billing/payouts", label: "Payouts" },
  { href: "/admin/billing/webhooks", label: "Webhooks" },
] as const;

export type BillingSection = (typeof BILLING_SECTIONS)[number]["href"];

export function BillingNav({ current }: { current: BillingSection }) {
  return (
    <nav aria-label="Billing sections" className="mb-6 flex flex-wrap gap-1 border-b border-border">
      {BILLING_SECTIONS.map((section) => (
        <Link
          key={section.href}
          href={section.href}
          aria-current={section.href === current ? "page" : undefined}
          className={cn(
            "-mb-px rounded-t-md border-b-2 px-3 py-2 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
            section.href === current
              ? "border-primary text-foreground"
              : "border-transparent text-muted-foreground hover:text-foreground",
          )}
        >
          {section.label}
        </Link>
      ))}
    </nav>
  );
}
