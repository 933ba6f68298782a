// How a script's entry point ends: the process exits with main's code, or with 1 after printing an
// unexpected error (its stack) under the script's name.

/** Runs a script's main and exits with its code; an unexpected error prints and exits 1. */
export function exitWith(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    },
  );
}
