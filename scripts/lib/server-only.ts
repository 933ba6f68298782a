// Lets a script import modules marked `import "server-only"` (everything that touches the database,
// secrets or providers): maps the marker to its empty twin, as Next.js does for server code and
// vitest.config.ts does for tests. Call it before those modules load — import them dynamically
// after the call (static imports are resolved before any of the script's code runs).
import { registerHooks } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

let registered = false;

export function allowServerOnly(): void {
  if (registered) return;
  registered = true;
  const emptyModule = pathToFileURL(path.resolve(import.meta.dirname, "../../node_modules/server-only/empty.js")).href;
  registerHooks({
    resolve: (specifier, context, next) =>
      specifier === "server-only" ? { url: emptyModule, shortCircuit: true } : next(specifier, context),
  });
}
