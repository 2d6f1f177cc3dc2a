export * from './taxonomy';
export * from './tags';
