/* global performance, fetch */
// Load generator running in a worker thread, so the client's own HTTP and JSON work does not
// compete with the server under test for the main event loop (in production Teams is the client).
import { parentPort, workerData } from "node:worker_threads";

const { url, token, bodies, concurrency, expectStatus, expectType } = workerData;
const latencies = [];
const failures = [];
let retried = 0;
let next = 0;

async function worker() {
  while (next < bodies.length) {
    const i = next++;
    const t0 = performance.now();
    const post = () =>
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: bodies[i],
      });
    try {
      let res;
      try {
        res = await post();
      } catch {
        // A keep-alive socket the server closed as it was reused (seen under heavy load): retry
        // once on a new connection and count it; a second failure is a failure.
        retried++;
        res = await post();
      }
      const text = await res.text();
      if (res.status !== expectStatus || (expectType && !text.includes(expectType))) {
        failures.push(`${res.status} ${text.slice(0, 120)}`);
      }
    } catch (err) {
      failures.push(`${err} ${err?.cause ?? ""}`);
    }
    latencies.push(performance.now() - t0);
  }
}

const start = performance.now();
await Promise.all(Array.from({ length: Math.min(concurrency, bodies.length) }, worker));
parentPort.postMessage({ latencies, wallMs: performance.now() - start, failures, retried });
