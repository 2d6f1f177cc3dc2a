export * from './health.module';
export * from './logging.module';
export * from './request-logging';
