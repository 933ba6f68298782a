// `npm run check:cycles`: prints the package-level import cycles among lib's domains (runtime
// imports, then type-only ones too) and the module imports that make each one. Exits 1 on a
// runtime cycle. The graph comes from scripts/lib/import-graph.ts; tests/layers.test.ts asserts none.
import { cycleEdges, cycles, importEdges, packageGraph } from "./lib/import-graph";

const repo = process.cwd();
const edges = importEdges(repo);
let failed = false;
for (const includeTypeOnly of [false, true]) {
  const graph = packageGraph(edges, { includeTypeOnly });
  const found = cycles(graph);
  const label = includeTypeOnly ? "with type-only imports" : "runtime imports";
  const dependencies = [...graph.values()].reduce((sum, targets) => sum + targets.size, 0);
  console.log(
    `${label}: ${graph.size} packages, ${dependencies} package dependencies, cycles: ${found.length === 0 ? "none" : found.length}`,
  );
  for (const component of found) {
    console.log(`  cycle: ${component.join(" ↔ ")}`);
    for (const edge of cycleEdges(edges, component, { includeTypeOnly })) {
      console.log(`    ${edge.from} → ${edge.to}${edge.typeOnly ? " (type)" : ""}`);
    }
  }
  if (!includeTypeOnly && found.length > 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
