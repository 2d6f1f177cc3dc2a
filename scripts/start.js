// `npm start`: builds only when the sources changed since the last build, then runs the API in
// a child whose signals it forwards, so `kill <npm start pid>` stops the server and frees its
// port (with `npm run build && node …` the shell in between kept the server running).
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { stampIsCurrent } = require('./build-stamp');

const ROOT = join(__dirname, '..');
const ENTRY = join(ROOT, 'dist/apps/api/apps/api/src/main.js');

if (existsSync(ENTRY) && stampIsCurrent()) {
  console.log('npm start: the build is current, no build needed');
} else {
  console.log('npm start: sources changed since the last build (or none yet): running npm run build');
  // npm sets npm_execpath to its own CLI; run the same npm that started us.
  const npm = process.env.npm_execpath;
  const build = npm
    ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: ROOT, stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(process.execPath, [ENTRY], { cwd: ROOT, stdio: 'inherit' });
// Ctrl-C reaches the whole process group, the server included; a second SIGINT from here would
// cut its graceful shutdown short. So only signals sent to this process alone are forwarded.
process.on('SIGINT', () => {});
for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  } else {
    process.exit(code ?? 1);
  }
});
