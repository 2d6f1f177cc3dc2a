// The benchmark runs compiled JS outside Nest's build, which is what rewrites `@app/*`
// imports elsewhere; this maps them onto the compiled libraries next to this file.
import Module = require('module');
import { join } from 'path';

const libs = join(__dirname, '..', '..');
const resolver = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const original = resolver._resolveFilename;
resolver._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
  const alias = /^@app\/([\w-]+)$/.exec(request);
  return original.call(this, alias ? join(libs, alias[1], 'src') : request, ...rest);
};
