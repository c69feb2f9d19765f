/**
 * autocannon in its own thread, so the load generator does not share the server's event loop.
 * Every response time is kept, for exact p50/p95/p99 (autocannon's own summary has no p95).
 */
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

export interface CannonJob {
  entry: string;
  url: string;
  headers: Record<string, string>;
  connections: number;
  duration: number;
}

export interface CannonResult {
  latenciesMs: number[];
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  seconds: number;
}

const job = workerData as CannonJob;
const latenciesMs: number[] = [];
const instance = autocannon({
  url: job.url,
  connections: job.connections,
  duration: job.duration,
  headers: job.headers,
  timeout: 30,
});
instance.on('response', (_client, _status, _bytes, responseTime) => {
  latenciesMs.push(responseTime);
});
const r = await instance;
// Counted here: the summary's request total is not reliable across autocannon versions.
const result: CannonResult = {
  latenciesMs,
  requests: latenciesMs.length,
  errors: r.errors,
  timeouts: r.timeouts,
  non2xx: r.non2xx,
  seconds: r.duration || job.duration,
};
parentPort!.postMessage(result);
