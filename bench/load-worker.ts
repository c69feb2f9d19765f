/**
 * One loader thread on PostgreSQL: generates its chunks one at a time and inserts each with
 * insertHistory over its own connection, so generation (CPU in Node) and insertion (CPU in
 * the server) of different chunks overlap on the two cores. Memory stays at one chunk.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { connect } from '../src/server/db/connection.js';
import { insertHistory } from '../src/server/seed/insert-history.js';
import { generateChunk, type ChunkPlan, type HistoryRefs } from './history-chunks.js';

export interface LoaderJob {
  entry: string;
  url: string;
  plans: ChunkPlan[];
  refs: HistoryRefs;
}

export interface ChunkDone {
  index: number;
  tasks: number;
  events: number;
  generated: number;
  generateMs: number;
  insertMs: number;
}

const job = workerData as LoaderJob;
const handle = await connect({ databaseUrl: job.url, poolSize: 1 });
try {
  for (const plan of job.plans) {
    const t0 = performance.now();
    const { documents, tasks, generated } = generateChunk(plan, job.refs);
    const t1 = performance.now();
    await insertHistory(handle.db, documents, tasks, job.refs.actorUserId);
    const done: ChunkDone = {
      index: plan.index,
      tasks: tasks.length,
      events: tasks.reduce((n, t) => n + t.events.length, 0),
      generated,
      generateMs: t1 - t0,
      insertMs: performance.now() - t1,
    };
    parentPort!.postMessage(done);
  }
} finally {
  await handle.close();
}
