import { spawnSync } from 'node:child_process';

/** One shell command of the README, as a user would paste it, with the status its comment promises. */
export interface TourCommand {
  block: number;
  text: string;
  /** A comment starting with a status (`# 403: …`) expects that status of its requests; otherwise each must be 2xx. */
  expectedStatus: number | null;
}

const TOUR_BLOCK = /<!-- tour -->\s*\n```(?:bash|sh)\n([\s\S]*?)\n```/g;

/** The fenced blocks marked `<!-- tour -->`, in document order, split into complete commands. */
export function tourCommands(readme: string): TourCommand[] {
  const commands: TourCommand[] = [];
  for (const [block, [, body]] of [...readme.matchAll(TOUR_BLOCK)].entries()) {
    let pending: string[] = [];
    for (const line of body.split('\n')) {
      if (pending.length === 0 && /^\s*(#.*)?$/.test(line)) continue;
      pending.push(line);
      const text = pending.join('\n');
      // bash itself says when the lines so far are one whole command (quotes closed, no `\` continuation).
      if (!line.endsWith('\\') && isCompleteShell(text)) {
        commands.push({ block, text, expectedStatus: expectedStatusOf(text) });
        pending = [];
      }
    }
    if (pending.length > 0) throw new Error(`README tour block ${block} ends inside a command:\n${pending.join('\n')}`);
  }
  return commands;
}

function isCompleteShell(text: string): boolean {
  return spawnSync('bash', ['-n', '-c', text], { stdio: 'ignore' }).status === 0;
}

function expectedStatusOf(text: string): number | null {
  const status = /(?:^|\s)#\s*([1-5]\d\d)\b/.exec(text);
  return status ? Number(status[1]) : null;
}

export const COMMAND_MARK = 'tour-command:';
export const STATUS_MARK = 'tour-status:';
export const EXIT_MARK = 'tour-exit:';

/**
 * One bash script that runs the commands in order in one shell (so variables carry over), with
 * marks around each command and a `curl` that also reports the status of every response it got.
 * The status comes from the dumped headers, so a command's own `-w` or `-i` is left as written.
 */
export function tourScript(commands: TourCommand[], repository: string): string {
  const lines = [
    'set -o pipefail',
    'exec 2>&1',
    'curl() {',
    '  local headers; headers=$(mktemp)',
    '  command curl -D "$headers" "$@"; local code=$?',
    `  grep -a '^HTTP/' "$headers" | tail -n 1 | awk '{ printf "\\n${STATUS_MARK}%s\\n", $2 }' >&2`,
    '  rm -f "$headers"; return $code',
    '}',
    // The README is read in the checkout; the tour runs in a folder of its own, so its files (profile.json, partners.csv) land there.
    `npm() { command npm --prefix ${JSON.stringify(repository)} "$@"; }`,
  ];
  for (const [index, command] of commands.entries()) {
    lines.push(`printf '\\n${COMMAND_MARK}%d\\n' ${index}`, command.text, `printf '\\n${EXIT_MARK}%d\\n' $?`);
  }
  return `${lines.join('\n')}\n`;
}

export interface CommandResult {
  command: TourCommand;
  exitCode: number | null;
  statuses: number[];
  output: string;
}

/** Splits the script's output at the marks into each command's exit code, statuses and output. */
export function commandResults(commands: TourCommand[], output: string): CommandResult[] {
  const segments = output.split(new RegExp(`^${COMMAND_MARK}(\\d+)$`, 'm'));
  const results: CommandResult[] = [];
  for (let i = 1; i < segments.length; i += 2) {
    const segment = segments[i + 1];
    const exit = new RegExp(`^${EXIT_MARK}(\\d+)$`, 'm').exec(segment);
    results.push({
      command: commands[Number(segments[i])],
      exitCode: exit ? Number(exit[1]) : null,
      statuses: [...segment.matchAll(new RegExp(`^${STATUS_MARK}(\\d{3})$`, 'gm'))].map((match) => Number(match[1])),
      output: segment
        .replace(new RegExp(`^(${STATUS_MARK}|${EXIT_MARK}).*$`, 'gm'), '')
        .replace(/\n{2,}/g, '\n')
        .trim(),
    });
  }
  return results;
}

/** What is wrong with a command's run: a non-zero exit, no response at all from a curl, or a status other than promised. */
export function problemOf({ command, exitCode, statuses }: CommandResult): string | null {
  if (exitCode !== 0) return `exit code ${exitCode ?? 'none (the script stopped)'}`;
  const wrong = statuses.filter((status) => (command.expectedStatus === null ? status < 200 || status > 299 : status !== command.expectedStatus));
  if (wrong.length > 0) return `status ${wrong.join(', ')} (expected ${command.expectedStatus ?? '2xx'})`;
  if (/\bcurl\b/.test(command.text) && statuses.length === 0) return 'no HTTP response';
  return null;
}
