import type { Schemas } from './client';

export type Problem = Schemas['ProblemDetailsDto'];

/** What a failed request tells the screen: a problem document, or status 0 when the network failed. */
export function asProblem(error: unknown): Problem {
  if (error && typeof error === 'object' && 'status' in error && typeof (error as Problem).status === 'number') return error as Problem;
  return { type: 'about:blank', title: error instanceof Error ? error.message : 'Network error', status: 0, detail: '', instance: '' };
}

/** Errors of the fields a problem names, keyed by field (the first message each). */
export function fieldErrors(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  for (const item of asProblem(error).errors ?? []) {
    const field = item.field.replace(/\[\d+\]$/, '').replace(/\.\d+$/, '');
    result[field] ??= item.message;
  }
  return result;
}
