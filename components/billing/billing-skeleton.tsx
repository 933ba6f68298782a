// The loading skeletons of the billing pages (the operator's billing section and the workspace's
// billing portal), one layout per page, each shaped like the page it stands in for.
import { cn } from "@/components/ui/cn";
import { PageSkeleton, Skeleton, TableSkeleton } from "@/components/ui/skeleton";

/** One part of a loading page. */
type Part =
  /** A block: its classes (height, width). */
  | string
  /** Blocks side by side: the row's grid classes, then each block's classes. */
  | { row: string; blocks: string[] }
  /** A table of `table` rows under its search bar, with `filters` filter selects above it. */
  | { table: number; filters?: number };

interface Layout {
  label: string;
  /** Widths of the title and description bars. */
  header: [title: string, description: string];
  parts: Part[];
}

/** The operator's billing tabs. */
const TABS = "h-9 w-full max-w-xl";
const cards = (row: string, block: string, count = 4): Part => ({ row, blocks: Array(count).fill(block) });

const LAYOUTS = {
  "admin-revenue": {
    label: "Loading the revenue report…",
    header: ["w-40", "w-[28rem]"],
    parts: [
      TABS,
      cards("gap-4 sm:grid-cols-2 lg:grid-cols-4", "h-28"),
      cards("gap-4 xl:grid-cols-2", "h-80", 2),
      { table: 6 },
    ],
  },
  "admin-customers": {
    label: "Loading customers…",
    header: ["w-44", "w-[28rem]"],
    parts: [TABS, { table: 8, filters: 2 }],
  },
  "admin-paypal": {
    label: "Loading PayPal analytics…",
    header: ["w-32", "w-96"],
    parts: [
      TABS,
      cards("gap-4 sm:grid-cols-2 lg:grid-cols-4", "h-28"),
      cards("gap-4 xl:grid-cols-[2fr_1fr]", "h-80", 2),
      cards("gap-4 lg:grid-cols-2", "h-64", 2),
    ],
  },
  "admin-invoices": {
    label: "Loading invoices…",
    header: ["w-40", "w-[32rem]"],
    parts: [TABS, { table: 8, filters: 3 }],
  },
  "admin-payouts": {
    label: "Loading payouts…",
    header: ["w-40", "w-[30rem]"],
    parts: [TABS, "h-72", cards("gap-3 sm:grid-cols-2", "h-32", 2), { table: 6 }],
  },
  "admin-webhooks": {
    label: "Loading webhook events…",
    header: ["w-56", "w-[32rem]"],
    parts: [TABS, cards("grid-cols-2 gap-3 sm:grid-cols-4", "h-20"), { table: 8, filters: 2 }],
  },
  "admin-webhook": { label: "Loading webhook event…", header: ["w-64", "w-80"], parts: [TABS, "h-64", "h-28", "h-96"] },
  portal: {
    label: "Loading billing…",
    header: ["w-32", "w-96"],
    parts: ["h-52", "h-64", "h-32", { table: 3 }, "h-72"],
  },
  "portal-checkout": {
    label: "Loading checkout…",
    header: ["w-36", "w-80"],
    parts: [{ row: "gap-6 lg:grid-cols-[22rem_1fr]", blocks: ["h-64", "h-96"] }],
  },
  "portal-payment-method": { label: "Loading payment method…", header: ["w-64", "w-80"], parts: ["h-96 max-w-xl"] },
} satisfies Record<string, Layout>;

export type BillingSkeletonPage = keyof typeof LAYOUTS;

/** The loading state of a billing page (its `loading.tsx`). */
export function BillingSkeleton({ page }: { page: BillingSkeletonPage }) {
  const { label, header, parts }: Layout = LAYOUTS[page];
  return (
    <PageSkeleton label={label} titleClassName={header[0]} descriptionClassName={header[1]}>
      {parts.map((part, index) => (
        <SkeletonPart key={index} part={part} />
      ))}
    </PageSkeleton>
  );
}

function SkeletonPart({ part }: { part: Part }) {
  if (typeof part === "string") return <Skeleton className={part} />;
  if ("table" in part) {
    return (
      <TableSkeleton rows={part.table}>
        {!!part.filters && (
          <div className="flex gap-2">
            {Array.from({ length: part.filters }, (_, i) => (
              <Skeleton key={i} className="h-9 w-40" />
            ))}
          </div>
        )}
      </TableSkeleton>
    );
  }
  return (
    <div className={cn("grid", part.row)}>
      {part.blocks.map((block, i) => (
        <Skeleton key={i} className={block} />
      ))}
    </div>
  );
}
