export * from './health.module';
export * from './health.service';
export * from './logging.module';
export * from './request-logging';
