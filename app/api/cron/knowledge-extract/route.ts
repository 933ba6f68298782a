import { cronRoute } from "@/lib/http/cron";
import { otherMethods } from "@/lib/http/methods";
import { runExtractionJobs } from "@/lib/knowledge/documents";
import { indexMissingEmbeddings } from "@/lib/knowledge/vectors";

export const dynamic = "force-dynamic";

/**
 * Extracts the text of queued knowledge documents (and ones whose worker's lease lapsed), then
 * embeds articles and documents that have no vectors yet where vectors are in use: { extracted, embedded }.
 */
export const POST = cronRoute("knowledge-extract", async () => ({
  extracted: await runExtractionJobs(),
  embedded: await indexMissingEmbeddings(),
}));

// Other methods: 405 with Allow and the JSON error body (lib/http/methods.ts).
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
