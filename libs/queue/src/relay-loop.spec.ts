import { RelayLoop } from './relay-loop';

/** A pass that waits until `finish` is called, counting how often it started. */
function controlledPasses() {
  const passes = { started: 0, finish: () => undefined as void };
  const run = () =>
    new Promise<void>((resolve) => {
      passes.started++;
      passes.finish = resolve;
    });
  return { passes, run };
}

describe('RelayLoop', () => {
  it('runs one more pass for any number of wake-ups during a pass, right after it', async () => {
    const { passes, run } = controlledPasses();
    const loop = new RelayLoop(run, () => 60_000);
    loop.wake();
    loop.wake();
    loop.wake();
    expect(passes.started).toBe(1);
    passes.finish();
    await new Promise((resolve) => setImmediate(resolve));
    expect(passes.started).toBe(2);
    passes.finish();
    await loop.idle();
    expect(passes.started).toBe(2);
    await loop.stop();
  });

  it('leaves a wake-up during a pass to the delay while it may not run again', async () => {
    const { passes, run } = controlledPasses();
    const loop = new RelayLoop(run, () => 30, () => false);
    loop.wake();
    loop.wake();
    passes.finish();
    await loop.idle();
    expect(passes.started).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(passes.started).toBe(2);
    passes.finish();
    await loop.stop();
  });

  it('runs no pass after stop', async () => {
    const { passes, run } = controlledPasses();
    const loop = new RelayLoop(run, () => 10);
    loop.wake();
    const stopped = loop.stop();
    passes.finish();
    await stopped;
    loop.wake();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(passes.started).toBe(1);
  });
});
