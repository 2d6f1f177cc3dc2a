// The benchmark runs compiled JS outside Nest's build, which is what rewrites `@app/*`
// imports elsewhere; this maps them onto the compiled libraries next to this file.
import Module = require('module');
import { join } from 'path';

const libs = join(__dirname, '..', '..');
const resolver = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const original = resolver._resolveFilename;
resolver._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
  // `@app/<lib>` is the library's index, `@app/<lib>/<module>` a module folder of its own.
  const alias = /^@app\/([\w-]+)(?:\/([\w-]+))?$/.exec(request);
  return original.call(this, alias ? join(libs, alias[1], 'src', alias[2] ?? '') : request, ...rest);
};
