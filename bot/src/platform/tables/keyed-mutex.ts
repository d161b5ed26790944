/**
 * Runs async work one at a time per key within this process. Used in front of optimistic
 * (ETag) writes to a hot row — a dialogue's seat counter — so that an instance's own requests
 * queue instead of colliding and retrying with backoff; conflicts then only arise between
 * instances, where the ETag retry still keeps the result correct.
 */
export interface KeyedMutex {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

/** Creates a {@link KeyedMutex}. Idle keys are forgotten, so memory follows the live keys. */
export function createKeyedMutex(): KeyedMutex {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(key, work) {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(work, work);
      const tail = result.catch(() => undefined);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}
