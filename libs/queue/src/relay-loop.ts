/**
 * The passes of a relay from an outbox table to the queue, one at a time per process: a
 * wake-up during a pass asks for one more right after it, and between wake-ups a pass runs
 * after `delayMs()` anyway, for rows of other processes or left by one that crashed.
 */
export class RelayLoop {
  private pass: Promise<void> | null = null;
  private passRequested = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  /**
   * `mayRunAgain`: whether a pass asked for during the last one runs at once (false while a
   * relay backs off after failures: then the next pass waits for `delayMs()`).
   */
  constructor(
    private readonly runPass: () => Promise<void>,
    private readonly delayMs: () => number,
    private readonly mayRunAgain: () => boolean = () => true,
  ) {}

  /** Runs a pass now, or right after the one in flight. */
  wake(): void {
    if (this.stopped) return;
    if (this.pass) {
      this.passRequested = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pass = this.runPass().finally(() => {
      this.pass = null;
      const again = this.passRequested && this.mayRunAgain();
      this.passRequested = false;
      if (again) this.wake();
      else this.scheduleNextPass();
    });
  }

  /** Resolves once no pass is running or asked for. */
  async idle(): Promise<void> {
    while (this.pass) await this.pass;
  }

  /** No more passes; resolves once the one in flight has ended (before the database pool closes). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.pass;
  }

  private scheduleNextPass(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => this.wake(), this.delayMs());
    this.timer.unref();
  }
}
