import { parentPort, workerData } from 'worker_threads';
import { CandidateIndex, KernelParams, PackedProfiles, RowJob, RowOutput, RowRanker } from './kernel-core';

/** Sent once to each worker; typed arrays over SharedArrayBuffers are shared, not copied. */
export interface KernelWorkerData {
  packed: PackedProfiles;
  params: KernelParams;
  index: CandidateIndex;
  job: RowJob;
  out: RowOutput;
  counter: Int32Array;
  chunk: number;
  /** Only these rows, when a shard ranks part of the set. */
  rows?: Int32Array;
}

const data = workerData as KernelWorkerData;
new RowRanker(data.packed, data.params, data.job, data.out, data.index).rankShared(data.counter, data.chunk, data.rows);
parentPort?.postMessage('done');
