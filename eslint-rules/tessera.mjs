// Tessera's own lint rules (the layer rules ESLint's built-ins cannot say; the path rules are
// import/no-restricted-paths in eslint.config.mjs). docs/architecture.md explains the layers;
// tests/layers.test.ts shows each rule failing on a deliberate violation.
//
// - no-server-import: a client-side module (anything under components/ or pages/ — the Pages
//   Router bundles its pages for the browser too — or a "use client" file) imports no server
//   module — a module with `import "server-only"`, directly or through the modules it imports —
//   except server actions ("use server" files) and types (`import type`).
// - require-server-only: a module under lib/ that imports the database at run time (lib/db, the
//   generated enums aside) declares `import "server-only"`, so a client bundle cannot pull it in.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const EXTENSIONS = ["", ".ts", ".tsx", "/index.ts", "/index.tsx"];
const SERVER_ONLY = /^\s*import\s+["']server-only["'];?/m;
const USE_SERVER = /^(?:\s*\/\/[^\n]*\n|\s*\/\*[\s\S]*?\*\/)*\s*["']use server["']/;
const USE_CLIENT = /^(?:\s*\/\/[^\n]*\n|\s*\/\*[\s\S]*?\*\/)*\s*["']use client["']/;

const textCache = new Map();
function readText(file) {
  if (!textCache.has(file)) textCache.set(file, existsSync(file) ? readFileSync(file, "utf8") : null);
  return textCache.get(file);
}

/** The repository root: the nearest folder above `file` with a package.json. */
function rootOf(file) {
  let dir = path.dirname(file);
  while (dir !== path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

/** `@/x` and relative specifiers to an existing file; anything else (packages) to null. */
function resolve(root, fromFile, specifier) {
  let base;
  if (specifier.startsWith("@/")) base = path.join(root, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(fromFile), specifier);
  else return null;
  base = base.replace(/\.(js|ts|tsx)$/, "");
  for (const ext of EXTENSIONS) {
    const candidate = base + ext;
    if (ext !== "" && existsSync(candidate)) return candidate;
  }
  return null;
}

function isTypeOnly(node) {
  if (node.importKind === "type" || node.exportKind === "type") return true;
  const specifiers = node.specifiers ?? [];
  return specifiers.length > 0 && specifiers.every((s) => s.importKind === "type" || s.exportKind === "type");
}

/** Calls `check(node, specifier)` for every runtime import/re-export/dynamic import of a file. */
function visitImports(check) {
  const onDeclaration = (node) => {
    if (!node.source || typeof node.source.value !== "string" || isTypeOnly(node)) return;
    check(node, node.source.value);
  };
  return {
    ImportDeclaration: onDeclaration,
    ExportNamedDeclaration: onDeclaration,
    ExportAllDeclaration: onDeclaration,
    ImportExpression(node) {
      if (node.source.type === "Literal" && typeof node.source.value === "string") check(node, node.source.value);
    },
  };
}

function relativeFile(context) {
  const file = context.filename ?? context.getFilename();
  const root = rootOf(file);
  return { file, root, relative: path.relative(root, file).split(path.sep).join("/") };
}

const IMPORT_FROM = /^\s*(?:import|export)\s+(?!type\b)(?:[^'"]*?\sfrom\s+)?["']([^"']+)["']/gm;

/**
 * The chain of modules by which `file` reaches a server module (one that imports "server-only"),
 * following runtime imports and stopping at server actions; null when it reaches none.
 */
const reachCache = new Map();
function serverChain(root, file, visiting = new Set()) {
  if (reachCache.has(file)) return reachCache.get(file);
  const text = readText(file);
  if (!text || USE_SERVER.test(text)) return null;
  if (SERVER_ONLY.test(text)) return [file];
  if (visiting.has(file)) return null;
  visiting.add(file);
  let found = null;
  for (const match of text.matchAll(IMPORT_FROM)) {
    const target = resolve(root, file, match[1]);
    if (!target) continue;
    const chain = serverChain(root, target, visiting);
    if (chain) {
      found = [file, ...chain];
      break;
    }
  }
  visiting.delete(file);
  reachCache.set(file, found);
  return found;
}

const noServerImport = {
  meta: {
    type: "problem",
    docs: { description: "Client-side modules import no server module (server actions and types excepted)." },
    messages: {
      server:
        '{{specifier}} reaches a server module ({{via}}; it imports "server-only"): a component may import only server actions ("use server") and types from the server. Load the data in the page (app/) and pass it down as props.',
    },
    schema: [],
  },
  create(context) {
    const { file, root, relative } = relativeFile(context);
    const source = context.sourceCode ?? context.getSourceCode();
    const clientSide =
      relative.startsWith("components/") || relative.startsWith("pages/") || USE_CLIENT.test(source.text);
    if (!clientSide) return {};
    return visitImports((node, specifier) => {
      const target = resolve(root, file, specifier);
      if (!target) return;
      const chain = serverChain(root, target);
      if (chain) {
        const via = chain.map((step) => path.relative(root, step).split(path.sep).join("/")).join(" → ");
        context.report({ node, messageId: "server", data: { specifier, via } });
      }
    });
  },
};

const requireServerOnly = {
  meta: {
    type: "problem",
    docs: { description: 'Modules under lib/ that import the database declare import "server-only".' },
    messages: {
      missing:
        'This module imports the database ({{specifier}}): add `import "server-only";` at its top so no client bundle can include it.',
    },
    schema: [],
  },
  create(context) {
    const { file, root, relative } = relativeFile(context);
    if (!relative.startsWith("lib/") || /\.test\.tsx?$/.test(relative) || relative.startsWith("lib/db/generated/"))
      return {};
    const source = context.sourceCode ?? context.getSourceCode();
    if (SERVER_ONLY.test(source.text)) return {};
    let reported = false;
    return visitImports((node, specifier) => {
      if (reported) return;
      const target = resolve(root, file, specifier);
      if (!target) return;
      const targetRelative = path.relative(root, target).split(path.sep).join("/");
      if (!targetRelative.startsWith("lib/db/") || targetRelative.startsWith("lib/db/generated/enums")) return;
      reported = true;
      context.report({ node, messageId: "missing", data: { specifier } });
    });
  },
};

const plugin = {
  meta: { name: "tessera" },
  rules: { "no-server-import": noServerImport, "require-server-only": requireServerOnly },
};

export default plugin;
