/**
 * Callers waiting for a partition to be worked to the end on this instance
 * (`OutboxSender.settled`).
 */
export interface SettledWaiters {
  /** Resolves true when {@link SettledWaiters.notify} comes for `partitionKey`, false after `timeoutMs`. */
  wait(partitionKey: string, timeoutMs: number): Promise<boolean>;
  /** The partition was worked to the end: its waiters resolve true. */
  notify(partitionKey: string): void;
  /** This instance will not work anything more: every waiter resolves false at once. */
  abandonAll(): void;
}

/** Creates an empty {@link SettledWaiters}. */
export function createSettledWaiters(): SettledWaiters {
  const waiters = new Map<string, Set<(worked: boolean) => void>>();
  return {
    wait(partitionKey, timeoutMs) {
      return new Promise((resolve) => {
        const set = waiters.get(partitionKey) ?? new Set();
        waiters.set(partitionKey, set);
        const done = (worked: boolean) => {
          clearTimeout(timer);
          set.delete(done);
          resolve(worked);
        };
        const timer = setTimeout(() => {
          set.delete(done);
          resolve(false);
        }, timeoutMs);
        set.add(done);
      });
    },
    notify(partitionKey) {
      for (const w of waiters.get(partitionKey) ?? []) w(true);
      waiters.delete(partitionKey);
    },
    abandonAll() {
      for (const set of waiters.values()) for (const w of set) w(false);
      waiters.clear();
    },
  };
}
