import Link from "next/link";

/** The link from a plan notice or limit to the pricing page. */
export function ComparePlansLink() {
  return (
    <Link href="/pricing" className="font-medium text-foreground underline underline-offset-4">
      Compare plans
    </Link>
  );
}
