/**
 * The core's heavier analyses on a worker thread of their own: a what-if preview ranks every
 * partner under a proposed profile (a minute at 100,000 partners), and coalitions and gap
 * rankings search over a gemeente's partners. Computed on the caller's event loop they would
 * hold up every other request of the API meanwhile. Like kernel-threads.ts, this file is both
 * the asking side and the thread's entry point, so the thread loads only the core.
 */
import { extname } from 'path';
import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';
import { proposeCoalition } from './coalitions';
import { rankFilteredList } from './filtered-list';
import { rankGapClosers } from './gap-closers';
import { rankGemeentenByGaps, type CoverageProfile } from './gaps';
import { rankAllPairs, type RankAllPairsOptions } from './kernel';
import { compareLists } from './list-comparison';
import { applyFairExposure, fairExposureActive } from './fair-exposure';
import type { MatchingProfile } from './matching-profile';
import type { Connection, PartnerProfile } from './types';

/**
 * A value as JSON text (typically built by the database): the analysis thread parses it, so
 * the caller's event loop never parses the rows nor copies them as objects. Copying a string
 * to the thread is one memory copy; 10,000 profiles as rows held the loop for ~65 ms.
 */
export interface JsonText<T> {
  readonly jsonText: string;
  /** Only for the compiler: what the text holds. */
  readonly __holds?: T;
}

export function jsonText<T>(text: string): JsonText<T> {
  return { jsonText: text };
}

/** An input the caller may send as the value itself or as its JSON text. */
export type Sendable<T> = T | JsonText<T>;

function received<T>(value: Sendable<T>): T {
  return value !== null && typeof value === 'object' && typeof (value as Partial<JsonText<T>>).jsonText === 'string'
    ? (JSON.parse((value as JsonText<T>).jsonText) as T)
    : (value as T);
}

export interface PreviewInput {
  profiles: Sendable<PartnerProfile[]>;
  profile: MatchingProfile;
  connections?: Sendable<Connection[]>;
  excludedPairs?: Sendable<Connection[]>;
  /** Today's lists: candidate ids by partner id, best first. */
  today: Sendable<Record<string, string[]>>;
  /** How deep the top lists are compared (overlap@top). */
  top: number;
  /** Kernel threads for the ranking (default: as `rankAllPairs` chooses). */
  threads?: number;
  /** Open introductions per partner, for a profile with `maxOpenIntroductions` (absent: none). */
  openIntroductions?: Map<string, number>;
}

/** Every partner's list under the proposed profile, compared with today's lists. */
async function previewLists(input: PreviewInput) {
  const profiles = received(input.profiles);
  const options: RankAllPairsOptions = {
    profile: input.profile,
    connections: input.connections && received(input.connections),
    excludedPairs: input.excludedPairs && received(input.excludedPairs),
    threads: input.threads,
  };
  const ranked = await rankAllPairs(profiles, options);
  const lists = new Map(profiles.filter((partner) => !partner.matchingOptOut).map((partner) => [partner.id, ranked.list(partner.id)]));
  // The lists as a run would store them: after the fair-exposure step when the profile asks for it.
  const profile = input.profile;
  const stored = fairExposureActive(profile) ? new Map([...applyFairExposure(lists, profile, input.openIntroductions)].map(([id, fair]) => [id, fair.ranked])) : lists;
  const proposed = new Map([...stored].map(([id, list]) => [id, list.map((entry) => entry.candidateId)]));
  return compareLists(new Map(Object.entries(received(input.today))), proposed, input.top);
}

/**
 * The analyses the thread runs, by name: a new kind is one entry here (its input type follows
 * from the function). Inputs may carry `Sendable` fields that the function unwraps with `received`.
 */
const ANALYSES = {
  preview: previewLists,
  filteredList: rankFilteredList,
  coalition: (input: { gemeente: string; partners: Parameters<typeof proposeCoalition>[1]; options: Parameters<typeof proposeCoalition>[2] }) =>
    proposeCoalition(input.gemeente, input.partners, input.options),
  gapClosers: (input: { gemeente: string; partners: Parameters<typeof rankGapClosers>[1]; options?: Parameters<typeof rankGapClosers>[2] }) =>
    rankGapClosers(input.gemeente, input.partners, input.options),
  gemeentenByGaps: (input: { gemeenten: readonly string[]; partners: Sendable<CoverageProfile[]> }) => rankGemeentenByGaps(input.gemeenten, received(input.partners)),
};

export type AnalysisName = keyof typeof ANALYSES;
export type AnalysisInput<N extends AnalysisName> = Parameters<(typeof ANALYSES)[N]>[0];
export type AnalysisOutput<N extends AnalysisName> = Awaited<ReturnType<(typeof ANALYSES)[N]>>;

interface AnalysisRequest {
  id: number;
  name: AnalysisName;
  input: unknown;
}

type AnalysisReply = { id: number; output: unknown } | { id: number; error: { name: string; message: string } };

/** Marks this file's own thread, so it never acts as an entry point in anyone else's. */
interface AnalysisWorkerData {
  partnermatchAnalysis: true;
}

/**
 * One thread, started on first use and kept (a thread's start costs more than a coalition):
 * the API's analyses share it, so a burst of them takes one core and not every core. It keeps
 * the process alive only while an answer is awaited.
 */
class AnalysisThread {
  private worker?: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (output: unknown) => void; reject: (error: Error) => void }>();

  run<N extends AnalysisName>(name: N, input: AnalysisInput<N>): Promise<AnalysisOutput<N>> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<AnalysisOutput<N>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (output: unknown) => void, reject });
      this.refWhileBusy();
      worker.postMessage({ id, name, input } satisfies AnalysisRequest);
    });
  }

  private start(): Worker {
    const data: AnalysisWorkerData = { partnermatchAnalysis: true };
    const worker =
      extname(__filename) === '.ts'
        ? new Worker(
            `require('ts-node').register({ transpileOnly: true }); require('tsconfig-paths/register'); require(${JSON.stringify(__filename)});`,
            { eval: true, workerData: data },
          )
        : new Worker(__filename, { workerData: data });
    worker.unref();
    worker.on('message', (reply: AnalysisReply) => this.settle(reply));
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => this.failAll(new Error(`the analysis thread exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private settle(reply: AnalysisReply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    this.refWhileBusy();
    if ('error' in reply) waiting.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name }));
    else waiting.resolve(reply.output);
  }

  /** A thread that died takes its queue with it; the next analysis starts a new one. */
  private failAll(error: Error): void {
    this.worker = undefined;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }

  /** While an answer is awaited the thread must keep the process alive, as any pending I/O does. */
  private refWhileBusy(): void {
    if (this.pending.size > 0) this.worker?.ref();
    else this.worker?.unref();
  }
}

const thread = new AnalysisThread();

/** Runs one of the core's analyses on the analysis thread; its errors come back as errors. */
export function runAnalysis<N extends AnalysisName>(name: N, input: AnalysisInput<N>): Promise<AnalysisOutput<N>> {
  return thread.run(name, input);
}

if (!isMainThread && (workerData as Partial<AnalysisWorkerData> | null)?.partnermatchAnalysis === true) {
  parentPort!.on('message', async ({ id, name, input }: AnalysisRequest) => {
    try {
      const output = await (ANALYSES[name] as (input: unknown) => unknown)(input);
      parentPort!.postMessage({ id, output } satisfies AnalysisReply);
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught));
      parentPort!.postMessage({ id, error: { name: error.name, message: error.message } } satisfies AnalysisReply);
    }
  });
}
