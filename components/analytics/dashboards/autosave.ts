// Debounced saving for the dashboard builder, without lost or reordered writes.
//
// Changes to different fields within the debounce window are merged into one save (a name typed
// and a widget moved half a second later are both written); saves run one after another, so an
// older spec never lands after a newer one; and the status says "saved" only once the latest
// change has been written — a save that answers while a newer change waits does not claim it.
export type AutosaveStatus = "saved" | "saving" | "error";

export type AutosaveResult = { ok: true } | { ok: false; message: string };

export interface Autosave<T extends Record<string, string>> {
  /** Queue fields to write; a field changed again before the save keeps its latest value. */
  change(fields: Partial<T>): void;
  /** Write what is queued now; resolves once every save so far has answered. */
  flush(): Promise<void>;
  /** Whether a change has not been written yet (queued, or its save still in flight). */
  readonly dirty: boolean;
}

export function createAutosave<T extends Record<string, string>>({
  delayMs,
  save,
  onStatus,
}: {
  delayMs: number;
  save: (fields: Partial<T>) => Promise<AutosaveResult>;
  onStatus: (status: AutosaveStatus, message: string | null) => void;
}): Autosave<T> {
  let queued: Partial<T> = {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain: Promise<void> = Promise.resolve();
  // Every change bumps `requested`; a save that answers for the latest one sets `written`.
  let requested = 0;
  let written = 0;

  const flush = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    if (Object.keys(queued).length === 0) return chain;
    const fields = queued;
    const upTo = requested;
    queued = {};
    chain = chain.then(async () => {
      let result: AutosaveResult;
      try {
        result = await save(fields);
      } catch {
        result = { ok: false, message: "The server could not be reached; your last change is not saved." };
      }
      if (!result.ok) {
        onStatus("error", result.message);
        return;
      }
      written = Math.max(written, upTo);
      if (written === requested) onStatus("saved", null);
    });
    return chain;
  };

  return {
    change(fields) {
      queued = { ...queued, ...fields };
      requested += 1;
      onStatus("saving", null);
      clearTimeout(timer);
      timer = setTimeout(() => void flush(), delayMs);
    },
    flush,
    get dirty() {
      return written !== requested;
    },
  };
}
