// Writes lib/api/openapi-document.json, the OpenAPI document the API reference page is built from
// (pages/api-docs.tsx: a Pages Router page cannot import lib/api/openapi.ts, whose route modules
// are marked server-only, which Next refuses outside the App Router). Run after changing an
// /api/v1 route or its schemas:
//   npx tsx scripts/openapi-document.ts
// tests/integration/openapi.test.ts fails while the file differs from buildOpenApiDocument().
import { writeFileSync } from "node:fs";
import path from "node:path";

import prettier from "prettier";

import { allowServerOnly } from "./lib/server-only";

// The route modules import "server-only": map it before they load (imported dynamically below).
allowServerOnly();
const { buildOpenApiDocument, SNAPSHOT_SERVER_URL } = await import("../lib/api/openapi");
const file = path.resolve(import.meta.dirname, "..", "lib", "api", "openapi-document.json");
const text = JSON.stringify(buildOpenApiDocument(undefined, { serverUrl: SNAPSHOT_SERVER_URL }));
writeFileSync(file, await prettier.format(text, { ...(await prettier.resolveConfig(file)), filepath: file }));
console.log(`wrote ${path.relative(process.cwd(), file)}`);
