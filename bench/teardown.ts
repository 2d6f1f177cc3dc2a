import { constants } from 'node:os';

/**
 * Undo steps run newest first (processes before the database they use), also when the
 * benchmark fails or is interrupted, so no database, Redis key or process outlives it.
 */
export class Teardown {
  private readonly steps: { label: string; undo: () => Promise<void> }[] = [];
  /** Set on Ctrl-C: what fails after it is the teardown pulling services away, not news. */
  interrupted = false;
  private running: Promise<void> | undefined;

  add(label: string, undo: () => Promise<void>): void {
    this.steps.push({ label, undo });
  }

  /** Callers that come while a teardown runs (Ctrl-C during the regular one) wait for that same one. */
  run(): Promise<void> {
    this.running ??= this.undoAll().finally(() => (this.running = undefined));
    return this.running;
  }

  private async undoAll(): Promise<void> {
    for (let step = this.steps.pop(); step; step = this.steps.pop()) {
      try {
        await step.undo();
      } catch (error) {
        console.error(`teardown: could not ${step.label}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** Ctrl-C or a kill still cleans up; a second signal exits at once. */
  runOnSignals(): void {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.once(signal, () => {
        this.interrupted = true;
        console.error(`\n${signal}: cleaning up`);
        void this.run().finally(() => process.exit(128 + constants.signals[signal]));
      });
    }
  }
}
