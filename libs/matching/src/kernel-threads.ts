/**
 * Runs the kernel on worker threads. This file is both the spawning side and the worker's
 * entry point: a worker loads it (and `kernel-core.ts`) only, so it starts cheaply.
 */
import { availableParallelism } from 'os';
import { extname } from 'path';
import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';
import { allocate, allocateOutput, CandidateIndex, KernelParams, PackedProfiles, pairFloor, RowJob, RowOutput, RowRanker } from './kernel-core';

/** What the threads of one run share. */
export interface KernelWork {
  packed: PackedProfiles;
  params: KernelParams;
  index: CandidateIndex;
}

/** Sent once to each worker; typed arrays over SharedArrayBuffers are shared, not copied. */
interface KernelWorkerData extends KernelWork {
  /** Marks this file's own workers, so it never acts as an entry point in anyone else's thread. */
  partnermatchKernel: true;
  /** Rank rows, or run the tight loop of `pairFloor` over them (for the benchmark). */
  task: 'rank' | 'floor';
  job: RowJob;
  out: RowOutput;
  counter: Int32Array;
  chunk: number;
  /** Only these rows, when a shard ranks part of the set. */
  rows?: Int32Array;
}

/** Threads for a full run: as asked, else one per core from 4,000 ranked rows on. */
export function defaultThreads(n: number, threads?: number): number {
  return Math.max(1, Math.floor(threads ?? (n >= 4000 ? availableParallelism() : 1)));
}

/** Ranks every row (or just `rows`) of work packed with `shared: true` on `threads` worker threads. */
export async function runKernelThreads(work: KernelWork, job: RowJob, threads: number, rows?: Int32Array): Promise<RowOutput> {
  const out = allocateOutput(work.packed.capacity, job.k, true);
  const data: KernelWorkerData = {
    partnermatchKernel: true,
    task: 'rank',
    packed: work.packed,
    params: work.params,
    index: work.index,
    job,
    out,
    counter: allocate(Int32Array, 1, true),
    chunk: 64,
    rows: rows && copyToShared(rows),
  };
  await Promise.all(Array.from({ length: threads }, () => runWorker(data)));
  return out;
}

/**
 * `pairFloor` over all rows of shared work on `threads` worker threads, handed out like a
 * ranking's: the benchmark's measure of this machine's limit. Resolves to the sum.
 */
export async function runPairFloorThreads(work: KernelWork, threads: number): Promise<number> {
  const data: KernelWorkerData = {
    partnermatchKernel: true,
    task: 'floor',
    ...work,
    job: { depth: 1, k: 1, diversity: 0 },
    out: allocateOutput(1, 1, true),
    counter: allocate(Int32Array, 1, true),
    chunk: 64,
  };
  const sums = await Promise.all(Array.from({ length: threads }, () => runWorker(data)));
  return sums.reduce((total, sum) => total + sum, 0);
}

function copyToShared(rows: Int32Array): Int32Array {
  const shared = allocate(Int32Array, rows.length, true);
  shared.set(rows);
  return shared.subarray(0, rows.length);
}

/**
 * Starts a kernel worker on this file. Compiled code runs it as `.js`; under ts-jest or
 * ts-node (this file is `.ts`) the worker registers ts-node in transpile-only mode first.
 */
function runWorker(data: KernelWorkerData): Promise<number> {
  const worker =
    extname(__filename) === '.ts'
      ? new Worker(`require('ts-node').register({ transpileOnly: true }); require(${JSON.stringify(__filename)});`, { eval: true, workerData: data })
      : new Worker(__filename, { workerData: data });
  return new Promise((resolve, reject) => {
    worker.once('message', (sum: number) => resolve(sum));
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve(0) : reject(new Error(`kernel worker exited with code ${code}`))));
  });
}

if (!isMainThread && (workerData as Partial<KernelWorkerData> | null)?.partnermatchKernel === true) {
  const data = workerData as KernelWorkerData;
  let sum = 0;
  if (data.task === 'floor') {
    for (let from = Atomics.add(data.counter, 0, data.chunk); from < data.packed.n; from = Atomics.add(data.counter, 0, data.chunk)) {
      sum += pairFloor(data.index, data.params, from, Math.min(data.packed.n, from + data.chunk));
    }
  } else {
    new RowRanker(data.packed, data.params, data.job, data.out, data.index).rankShared(data.counter, data.chunk, data.rows);
  }
  parentPort?.postMessage(sum);
}
