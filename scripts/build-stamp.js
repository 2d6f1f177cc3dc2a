// What the last successful `npm run build` was built from, so `npm start` can skip a build of
// unchanged sources. `prebuild` records the sources as they are when the build begins (an edit
// made during the build then still counts as a change) and `postbuild` makes that the stamp,
// so whatever `build` runs (nest today, a console bundle later) is covered, and a failed build
// leaves no stamp.
'use strict';
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '..');
const STAMP = join(ROOT, 'dist', '.build-stamp');
const PENDING = join(ROOT, 'dist', '.build-stamp.pending');
/** Everything a build reads besides node_modules (package-lock.json stands for the dependencies). */
const SOURCES = ['apps', 'libs', 'package.json', 'package-lock.json', 'nest-cli.json'];
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', '.vite']);

function listFiles(path, files) {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return;
  if (!stats.isDirectory()) {
    files.push(`${relative(ROOT, path)}\t${stats.mtimeMs}\t${stats.size}`);
    return;
  }
  for (const entry of readdirSync(path)) if (!SKIPPED_FOLDERS.has(entry)) listFiles(join(path, entry), files);
}

/** Paths, modification times and sizes of every source file: a deleted file changes it too. */
function fingerprint() {
  const files = [];
  for (const source of SOURCES) listFiles(join(ROOT, source), files);
  for (const entry of readdirSync(ROOT)) if (/^tsconfig.*\.json$/.test(entry)) listFiles(join(ROOT, entry), files);
  return createHash('sha256').update(files.sort().join('\n')).digest('hex');
}

function stampIsCurrent() {
  return existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === fingerprint();
}

module.exports = { fingerprint, stampIsCurrent };

if (require.main === module) {
  const step = process.argv[2];
  if (step === 'begin') {
    rmSync(STAMP, { force: true });
    mkdirSync(join(ROOT, 'dist'), { recursive: true });
    writeFileSync(PENDING, `${fingerprint()}\n`);
  } else if (step === 'end') {
    // nest's deleteOutDir empties only each app's own folder, so the pending file survives it.
    if (existsSync(PENDING)) renameSync(PENDING, STAMP);
  } else {
    console.error('usage: node scripts/build-stamp.js begin|end');
    process.exit(1);
  }
}
