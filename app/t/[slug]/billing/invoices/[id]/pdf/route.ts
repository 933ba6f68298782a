// GET an invoice as a PDF download (billing:read): a redirect to the provider's PDF when it hosts
// one (Stripe), otherwise rendered by Tessera. Another workspace's invoice id answers 404.
import { NextResponse } from "next/server";

import { invoiceDownload } from "@/lib/billing/portal";
import { withTenantRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = withTenantRoute<{ slug: string; id: string }>("billing:read", async (_request, ctx, { id }) => {
  const download = await invoiceDownload(ctx, id);
  if (download.kind === "redirect") return NextResponse.redirect(download.url, 302);
  return new Response(Buffer.from(download.bytes), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${download.filename}"`,
      "cache-control": "private, no-store",
    },
  });
});
