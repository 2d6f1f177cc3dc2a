import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT_API, freePort, startBuiltService, type BuiltService } from './support/built-service';
import { commandResults, problemOf, tourCommands, tourScript, type CommandResult } from './support/readme-tour';

const ROOT = join(__dirname, '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/**
 * The README's tour as a new user follows it: the built API on the embedded default with the
 * demo data, and every command of the blocks marked `<!-- tour -->` pasted into one shell in
 * order. Only PM and KEY come from outside, as the README asks the user to set them.
 */
describe('the README tour, run as written against the embedded default', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'partnermatch-tour-data-'));
  const workDir = mkdtempSync(join(tmpdir(), 'partnermatch-tour-'));
  let service: BuiltService | undefined;

  afterAll(async () => {
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(workDir, { recursive: true, force: true });
  });

  it('finds the tour in the README: every section with commands, each command complete', () => {
    const commands = tourCommands(README);
    expect(new Set(commands.map((command) => command.block)).size).toBeGreaterThanOrEqual(5);
    expect(commands.length).toBeGreaterThanOrEqual(40);
    expect(commands.map((command) => command.text)).toEqual(
      expect.arrayContaining([expect.stringContaining('PUT "$PM/v1/matching/profile"'), expect.stringContaining('/v1/partners/import?dryRun=true')]),
    );
  });

  it('answers every command of the tour with the status the README promises', async () => {
    const port = await freePort();
    service = startBuiltService(BUILT_API, { PORT: String(port), DATA_DIR: dataDir });
    // The first start migrates and seeds; on a busy machine that can take minutes.
    await service.waitForOutput('API on', 240_000);
    const url = /API on (http:\/\/[^\s;]+)/.exec(service.output())![1];
    const key = /shown this once: (pm_[\w-]+)/.exec(service.output())?.[1];
    expect(key).toBeDefined();

    const commands = tourCommands(README);
    const script = join(workDir, 'tour.sh');
    writeFileSync(script, tourScript(commands, ROOT));
    const output = await runBash(script, { PM: url, KEY: key! });
    const results = commandResults(commands, output);

    const failures = results.flatMap((result) => {
      const problem = problemOf(result);
      return problem ? [describeFailure(result, problem)] : [];
    });
    expect(failures).toEqual([]);
    // Every command ran (none skipped by a shell that stopped early).
    expect(results.map((result) => result.command.text)).toEqual(commands.map((command) => command.text));
    expect(existsSync(join(workDir, 'profile.json'))).toBe(true);
    expect(results.find((result) => result.command.text.includes('import?dryRun=true'))!.output).toContain('"changed":1,"changedSlugs":["gemeente-amsterdam"],"unchanged":300');
  }, 600_000);
});

function describeFailure({ command, statuses, output }: CommandResult, problem: string): string {
  return `${problem}\n  command: ${command.text}\n  statuses: ${statuses.join(', ') || 'none'}\n  output: ${output.slice(0, 1500)}`;
}

function runBash(script: string, variables: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [script], {
      cwd: join(script, '..'),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...variables },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', () => resolve(output));
  });
}
