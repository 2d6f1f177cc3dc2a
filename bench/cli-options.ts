/** A benchmark's `--name <n>` option: a positive whole number, or the fallback when absent. */
export function wholeNumberOption(args: readonly string[], name: string, fallback: number): number {
  const at = args.indexOf(`--${name}`);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} takes a positive whole number, not ${args[at + 1]}`);
  return value;
}
