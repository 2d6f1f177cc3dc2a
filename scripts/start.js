// `npm start`: builds only when the sources changed since the last build, then runs the API in
// a child whose signals it forwards, so `kill <npm start pid>` stops the server and frees its
// port (with `npm run build && node …` the shell in between kept the server running). The
// script is started with `exec`, so npm's own forwarding of SIGTERM reaches this process.
'use strict';
const { spawn } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { stampIsCurrent } = require('./build-stamp');

const ROOT = join(__dirname, '..');
const ENTRY = join(ROOT, 'dist/apps/api/apps/api/src/main.js');

let current = null;
let currentIsGroup = false;
for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT']) {
  process.on(signal, () => {
    if (!current) process.exit(1);
    // The build is a tree (npm, sh, nest) in a process group of its own: shells do not pass
    // signals on, so the whole group gets it.
    else if (currentIsGroup) process.kill(-current.pid, signal);
    // Ctrl-C already reached the server (same process group); a second SIGINT from here
    // would cut its graceful shutdown short.
    else if (signal !== 'SIGINT') current.kill(signal);
  });
}

/** Runs a child to its end; resolves with its exit code, or re-raises the signal that ended it. */
function run(command, args, { group = false } = {}) {
  return new Promise((resolve) => {
    currentIsGroup = group && process.platform !== 'win32';
    current = spawn(command, args, { cwd: ROOT, stdio: 'inherit', detached: currentIsGroup });
    current.on('exit', (code, signal) => {
      current = null;
      if (signal) {
        process.removeAllListeners(signal);
        process.kill(process.pid, signal);
      } else {
        resolve(code ?? 1);
      }
    });
  });
}

async function main() {
  if (existsSync(ENTRY) && stampIsCurrent()) {
    console.log('npm start: the build is current, no build needed');
  } else {
    console.log('npm start: sources changed since the last build (or none yet): running npm run build');
    // npm sets npm_execpath to its own CLI: the build runs with the npm that started us.
    const npm = process.env.npm_execpath;
    const code = await (npm ? run(process.execPath, [npm, 'run', 'build'], { group: true }) : run('npm', ['run', 'build'], { group: true }));
    if (code !== 0) return code;
  }
  return run(process.execPath, [ENTRY]);
}

main().then((code) => process.exit(code));
