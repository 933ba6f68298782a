// The repository's import graph, read with the TypeScript parser (no type checking): which module
// imports which, whether the import is type-only, and the package-level cycles among lib's domains.
// Used by `npm run check:cycles` (scripts/import-cycles.ts) and tests/layers.test.ts; the layer
// rules themselves are ESLint's (eslint.config.mjs, eslint-rules/).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

import ts from "typescript";

export type ImportEdge = { from: string; to: string; typeOnly: boolean };

const ROOTS = ["app", "components", "lib"];
const EXTENSIONS = [".ts", ".tsx", "/index.ts", "/index.tsx"];

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    if (name === "generated" || name === "node_modules") continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith(".d.ts")) out.push(full);
  }
}

/** Source files (repository-relative, `/`-separated) under app/, components/ and lib/, tests excluded. */
export function sourceFiles(repo: string): string[] {
  const out: string[] = [];
  for (const root of ROOTS) walk(path.join(repo, root), out);
  return out.map((file) => path.relative(repo, file).split(path.sep).join("/")).sort();
}

/** Resolves `@/x` and relative specifiers to a repository file; packages and unknown paths give null. */
export function resolveSpecifier(repo: string, fromFile: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = specifier.slice(2);
  else if (specifier.startsWith(".")) base = path.posix.join(path.posix.dirname(fromFile), specifier);
  else return null;
  base = base.replace(/\.(js|ts|tsx)$/, "");
  for (const ext of EXTENSIONS) {
    const candidate = base + ext;
    if (existsSync(path.join(repo, candidate))) return candidate;
  }
  return null;
}

function importsOf(file: string, text: string): { specifier: string; typeOnly: boolean }[] {
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    false,
    file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!clause.namedBindings &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((element) => element.isTypeOnly)));
      found.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false });
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every import between repository modules under app/, components/ and lib/. */
export function importEdges(repo: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of sourceFiles(repo)) {
    const text = readFileSync(path.join(repo, file), "utf8");
    for (const { specifier, typeOnly } of importsOf(file, text)) {
      const to = resolveSpecifier(repo, file, specifier);
      if (to) edges.push({ from: file, to, typeOnly });
    }
  }
  return edges;
}

/**
 * The package a module belongs to: `lib/<domain>` for lib's folders (sub-folders count as their
 * domain: lib/billing/paypal is billing), `lib/<name>` for lib's root files, `lib/db/seed` for the
 * seeds (lib/db/seed*.ts); null outside lib.
 */
export function packageOf(file: string): string | null {
  const parts = file.split("/");
  if (parts[0] !== "lib" || parts.length < 2) return null;
  // The seeds compose every domain into demo data: a package above the domains, not part of lib/db.
  if (parts[1] === "db" && parts[2]?.startsWith("seed")) return "lib/db/seed";
  if (parts.length === 2) return `lib/${parts[1]!.replace(/\.tsx?$/, "")}`;
  return `lib/${parts[1]}`;
}

/** Package-level dependency graph of lib (edges between different packages only). */
export function packageGraph(edges: ImportEdge[], options: { includeTypeOnly: boolean }): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const edge of edges) {
    if (edge.typeOnly && !options.includeTypeOnly) continue;
    const from = packageOf(edge.from);
    const to = packageOf(edge.to);
    if (!from || !to || from === to) continue;
    if (!graph.has(from)) graph.set(from, new Set());
    if (!graph.has(to)) graph.set(to, new Set());
    graph.get(from)!.add(to);
  }
  return graph;
}

/** Strongly connected components with more than one package (Tarjan): each one is a cycle. */
export function cycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const lowlinks = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const result: string[][] = [];
  const connect = (node: string): void => {
    indices.set(node, index);
    lowlinks.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        connect(next);
        lowlinks.set(node, Math.min(lowlinks.get(node)!, lowlinks.get(next)!));
      } else if (onStack.has(next)) {
        lowlinks.set(node, Math.min(lowlinks.get(node)!, indices.get(next)!));
      }
    }
    if (lowlinks.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) result.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!indices.has(node)) connect(node);
  return result;
}

/** For a cycle, the module-level imports that make it (to show where to cut). */
export function cycleEdges(
  edges: ImportEdge[],
  component: string[],
  options: { includeTypeOnly: boolean },
): ImportEdge[] {
  const members = new Set(component);
  return edges.filter((edge) => {
    if (edge.typeOnly && !options.includeTypeOnly) return false;
    const from = packageOf(edge.from);
    const to = packageOf(edge.to);
    return !!from && !!to && from !== to && members.has(from) && members.has(to);
  });
}
