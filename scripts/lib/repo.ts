// What the scripts that start servers and benchmarks share: the repository root, the CLIs they
// spawn (Next.js, tsx) resolved from its node_modules, and the hosts they may write databases on.
import { createRequire } from "node:module";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..", "..");
const require = createRequire(import.meta.url);

/** Makes the repository root the working directory; returns it and the resolved CLIs. */
export function atRepoRoot(): { root: string; nextBin: string; tsxCli: string } {
  process.chdir(root);
  return { root, nextBin: require.resolve("next/dist/bin/next"), tsxCli: require.resolve("tsx/cli") };
}

const LOCAL_HOSTS = ["localhost", "127.0.0.1", "::1", "[::1]"];

/** True for a URL host name of this machine: scripts create or write databases only there. */
export const isLocalHost = (hostname: string): boolean => LOCAL_HOSTS.includes(hostname);
