export * from './bullmq.driver';
export * from './in-process.driver';
export * from './matching-job-ports';
export * from './matching-jobs';
export * from './queue.module';
export * from './redis-connection-options';
export * from './redis-outage';
