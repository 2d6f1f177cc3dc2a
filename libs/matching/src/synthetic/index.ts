// Synthetic partners and their random source: for tests, benchmarks and the demo seed,
// not for the matching itself, so they are imported from `@app/matching/synthetic`.
export * from './random';
export * from './synthetic-profiles';
