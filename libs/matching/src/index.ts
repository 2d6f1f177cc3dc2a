export * from './types';
export * from './tags';
export * from './random';
export * from './synthetic-profiles';
export * from './matching-profile';
export * from './components';
export * from './reference-scorer';
export * from './kernel';
