import path from "node:path";
import { Worker } from "node:worker_threads";

/** Result of a load run. */
export interface LoadResult {
  latencies: number[];
  wallMs: number;
  failures: string[];
  /** Requests retried once after a connection error (see load-worker.mjs). */
  retried: number;
}

/** Options for {@link postInWorker}. */
export interface LoadOptions {
  url: string;
  token: string;
  /** Pre-serialised request bodies, sent in order. */
  bodies: string[];
  concurrency: number;
  expectStatus?: number;
  /** A string the response body must contain (e.g. the invoke response's card content type). */
  expectType?: string;
}

/** POSTs the bodies from a worker thread with bounded concurrency; resolves with latencies. */
export function postInWorker(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, "load-worker.mjs"), {
      workerData: { expectStatus: 200, expectType: undefined, ...options },
    });
    worker.once("message", (m: LoadResult) => {
      void worker.terminate();
      resolve(m);
    });
    worker.once("error", reject);
  });
}
