// bench:quality's parts: not exported by the matching library's index (nothing in the service uses them).
export * from './metrics';
export * from './ground-truth';
export * from './rankers';
export * from './protocol';
