export * from './bullmq.driver';
export * from './in-process.driver';
export * from './matching-job-ports';
export * from './matching-jobs';
export * from './queue.module';
export * from './redis-connection-options';
export * from './relay-loop';
export * from './redis-outage';
