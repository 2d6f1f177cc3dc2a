import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PipelineStack } from './pipeline-stack';

const LOG_DIR = join(__dirname, '..', '..', 'bench-results', 'pipeline');

/** Keeps what the API and workers printed (bench-results/ is git-ignored), to see where a slow run spent its time. */
export function saveServiceLogs(stack: PipelineStack, n: number): string {
  mkdirSync(LOG_DIR, { recursive: true });
  for (const service of stack.services) writeFileSync(join(LOG_DIR, `n${n}-${service.name}.log`), `${service.timestampedOutput()}\n`);
  return join(LOG_DIR, `n${n}-*.log`);
}

/** What each service said last: a failed request's cause is usually there, not in the HTTP answer. */
export function printLogTails(stack: PipelineStack, lines = 15): void {
  for (const service of stack.services) {
    console.error(`--- last ${lines} lines of ${service.name} ---`);
    console.error(service.timestampedOutput().split('\n').slice(-lines).join('\n'));
  }
}
