import { existsSync, readdirSync, readFileSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';

// The core stays small and layered: no file of the matching library (or the taxonomy it
// builds on) may import itself back through others, type imports included.
const LIBS = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string): string | undefined {
  const alias = /^@app\/([\w-]+)(?:\/([\w-]+))?$/.exec(specifier);
  const base = alias ? join(LIBS, alias[1], 'src', alias[2] ?? '') : specifier.startsWith('.') ? resolve(dirname(from), specifier) : undefined;
  if (base === undefined) return undefined;
  return [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
}

function importGraph(files: readonly string[]): Map<string, string[]> {
  const pattern = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s+['"]([^'"]+)['"]/g;
  return new Map(
    files.map((file) => {
      const targets = [...readFileSync(file, 'utf8').matchAll(pattern)].map((match) => resolveImport(file, match[1] ?? match[2]));
      return [file, [...new Set(targets.filter((target): target is string => target !== undefined))]];
    }),
  );
}

function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue;
      if (state.get(target) === 'open') found.push([...stack.slice(stack.indexOf(target)), target]);
      else if (!state.has(target)) visit(target);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe('import graph of libs/matching and libs/taxonomy', () => {
  const graph = importGraph([...sourceFiles(join(LIBS, 'matching', 'src')), ...sourceFiles(join(LIBS, 'taxonomy', 'src'))]);

  it('reads the imports it checks', () => {
    const kernel = graph.get(join(LIBS, 'matching', 'src', 'kernel.ts'));
    expect(kernel).toContain(join(LIBS, 'matching', 'src', 'kernel-core.ts'));
    expect(kernel).toContain(join(LIBS, 'taxonomy', 'src', 'index.ts'));
  });

  it('has no cycles', () => {
    expect(cycles(graph).map((cycle) => cycle.map((file) => relative(LIBS, file)).join(' → '))).toEqual([]);
  });

  it('keeps the synthetic generator out of the public index', () => {
    const index = graph.get(join(LIBS, 'matching', 'src', 'index.ts'))!;
    expect(index.filter((file) => file.includes(`${join('matching', 'src', 'synthetic')}`))).toEqual([]);
  });
});
