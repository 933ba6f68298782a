// Two transactions on two connections of one PostgreSQL database, their statements interleaved
// (a[0], b[0], a[1], b[1], …), so a test can reproduce two writers taking shared rows in opposite
// orders — what a deadlock (40P01) needs — deterministically, with no timing guesses.
import pg from "pg";

export interface Statement {
  text: string;
  values?: unknown[];
}

/** The outcome of each transaction: null when it committed, else the error that ended it. */
export type Outcomes = [Error | null, Error | null];

/**
 * Runs `a` and `b` as two transactions on `url`, statement by statement in turns. The next turn
 * starts once the previous statement has finished or is waiting for a lock (as a second writer
 * would go on), so a statement that waits on the other transaction stays waiting while the other
 * one goes on; PostgreSQL then either lets both finish or ends one with 40P01. Each transaction
 * commits when its statements are done (or rolls back after an error).
 */
export async function interleaved(url: string, a: Statement[], b: Statement[]): Promise<Outcomes> {
  const clients = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })] as const;
  const watcher = new pg.Client({ connectionString: url });
  await Promise.all([...clients, watcher].map((c) => c.connect()));
  try {
    const pids = await Promise.all(
      clients.map(async (c) => (await c.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid),
    );
    const outcomes: Outcomes = [null, null];
    const chains: Promise<void>[] = [Promise.resolve(), Promise.resolve()];
    await Promise.all(clients.map((c) => c.query("BEGIN")));
    const turns = [a, b] as const;
    for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
      for (const side of [0, 1] as const) {
        const statement = turns[side][i];
        if (!statement) continue;
        chains[side] = chains[side]!.then(async () => {
          if (outcomes[side]) return;
          try {
            await clients[side].query(statement.text, statement.values);
          } catch (error) {
            outcomes[side] = error instanceof Error ? error : new Error(String(error));
          }
        });
        await finishedOrWaiting(chains[side]!, watcher, pids[side]!);
      }
    }
    await Promise.all(chains);
    await Promise.all(clients.map((c, side) => c.query(outcomes[side] ? "ROLLBACK" : "COMMIT")));
    return outcomes;
  } finally {
    await Promise.all([...clients, watcher].map((c) => c.end()));
  }
}

/** Resolves when `work` has settled or the backend `pid` waits for a lock, whichever comes first. */
async function finishedOrWaiting(work: Promise<void>, watcher: pg.Client, pid: number): Promise<void> {
  let settled = false;
  const done = work.then(() => {
    settled = true;
  });
  const waiting = (async () => {
    while (!settled) {
      const { rows } = await watcher.query<{ waiting: boolean }>(
        "SELECT wait_event_type = 'Lock' AS waiting FROM pg_stat_activity WHERE pid = $1",
        [pid],
      );
      if (rows[0]?.waiting) return;
    }
  })();
  await Promise.race([done, waiting]);
  await waiting; // stops at its next check once `work` has settled
}
