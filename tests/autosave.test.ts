// The dashboard builder's autosave: merged fields, saves in order, and a status that says "saved"
// only when the latest change is written (CI once reloaded a dashboard on "All changes saved."
// shown by an older save's answer while the newest change still waited, and lost that change).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { createAutosave, type AutosaveResult, type AutosaveStatus } from "@/components/analytics/dashboards/autosave";

type Fields = { name: string; spec: string; sharing: string };

function harness() {
  const sent: Partial<Fields>[] = [];
  const answers: ((result: AutosaveResult) => void)[] = [];
  const statuses: [AutosaveStatus, string | null][] = [];
  const autosave = createAutosave<Fields>({
    delayMs: 500,
    save: (fields) =>
      new Promise((resolve) => {
        sent.push(fields);
        answers.push(resolve);
      }),
    onStatus: (status, message) => statuses.push([status, message]),
  });
  const last = () => statuses.at(-1)?.[0];
  const answer = (i: number) => {
    const resolve = answers[i];
    if (!resolve) throw new Error(`save ${i} was not sent`);
    resolve({ ok: true });
  };
  return { autosave, sent, answer, statuses, last };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("createAutosave", () => {
  it("debounces changes and merges fields, the latest value of each winning", async () => {
    const { autosave, sent, answer, last } = harness();
    autosave.change({ name: "Revenue" });
    await vi.advanceTimersByTimeAsync(300);
    autosave.change({ spec: "v1" });
    autosave.change({ spec: "v2" });
    expect(sent).toEqual([]);
    expect(last()).toBe("saving");
    await vi.advanceTimersByTimeAsync(500);
    expect(sent).toEqual([{ name: "Revenue", spec: "v2" }]);
    answer(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(last()).toBe("saved");
    expect(autosave.dirty).toBe(false);
  });

  it("does not say saved while a newer change waits, and sends saves one at a time", async () => {
    const { autosave, sent, answer, last } = harness();
    autosave.change({ spec: "two widgets" });
    await vi.advanceTimersByTimeAsync(500);
    expect(sent).toHaveLength(1);

    autosave.change({ spec: "three steps" });
    answer(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(last()).toBe("saving");
    expect(autosave.dirty).toBe(true);

    // The newer save's timer fires while the first is answered: it is sent after it, not beside it.
    await vi.advanceTimersByTimeAsync(500);
    expect(sent).toEqual([{ spec: "two widgets" }, { spec: "three steps" }]);
    answer(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(last()).toBe("saved");
    expect(autosave.dirty).toBe(false);
  });

  it("queues a save behind one in flight rather than racing it", async () => {
    const { autosave, sent, answer } = harness();
    autosave.change({ spec: "a" });
    await vi.advanceTimersByTimeAsync(500);
    autosave.change({ spec: "b" });
    await vi.advanceTimersByTimeAsync(500);
    expect(sent).toEqual([{ spec: "a" }]);
    answer(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([{ spec: "a" }, { spec: "b" }]);
  });

  it("reports a refused save with its message, and a failed request as not saved", async () => {
    const statuses: [AutosaveStatus, string | null][] = [];
    let call = 0;
    const autosave = createAutosave<Fields>({
      delayMs: 500,
      save: async () => {
        call += 1;
        if (call === 1) return { ok: false, message: "Name is too long." };
        throw new TypeError("Failed to fetch");
      },
      onStatus: (status, message) => statuses.push([status, message]),
    });
    autosave.change({ name: "x".repeat(200) });
    await autosave.flush();
    expect(statuses.at(-1)).toEqual(["error", "Name is too long."]);
    expect(autosave.dirty).toBe(true);

    autosave.change({ spec: "v" });
    await autosave.flush();
    expect(statuses.at(-1)?.[0]).toBe("error");
    expect(statuses.at(-1)?.[1]).toMatch(/not saved/);
  });

  it("flush writes at once what is queued and is a no-op when nothing is", async () => {
    const { autosave, sent, answer } = harness();
    const idle = autosave.flush();
    await idle;
    expect(sent).toEqual([]);
    autosave.change({ sharing: "workspace" });
    const done = autosave.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([{ sharing: "workspace" }]);
    answer(0);
    await done;
    expect(autosave.dirty).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toHaveLength(1);
  });
});
