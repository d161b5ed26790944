/** A counting semaphore: at most `limit` holders at once, served in arrival order. */
export interface Semaphore {
  acquire(): Promise<() => void>;
  /** Holders right now (for tests and the bench). */
  inUse(): number;
}

/** Creates a {@link Semaphore}. */
export function createSemaphore(limit: number): Semaphore {
  let used = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else used--;
  };
  return {
    acquire: () =>
      new Promise((resolve) => {
        const grant = () => resolve(release);
        if (used < limit) {
          used++;
          grant();
        } else waiting.push(grant);
      }),
    inUse: () => used,
  };
}
