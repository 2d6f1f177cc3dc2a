export * from './types';
export * from './tags';
export * from './random';
export * from './synthetic-profiles';
