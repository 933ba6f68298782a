// A promise raced against a deadline, with the timer cleared when the promise settles first.
//
// `Promise.race([work, new Promise((_, reject) => setTimeout(reject, ms))])` leaves the timer
// pending for the full `ms` after `work` answers. At a health check's or a cache read's call rate
// that is thousands of live timers, and each holds its closure and the async context it was
// created in (with tracing on, the request's spans) until it fires: old-generation garbage that
// makes every major GC dearer. Here the timer goes as soon as the race is decided.

/** The error a missed deadline rejects with; `message` is the caller's. */
export class DeadlineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DeadlineError";
  }
}

/** `work`, or a DeadlineError(`message`) once `ms` milliseconds pass first. */
export function withDeadline<T>(work: Promise<T>, ms: number, message = `timeout after ${ms} ms`): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(message)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
