export * from './domain.exception';
export * from './public.decorator';
