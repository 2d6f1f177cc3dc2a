export * from './demo-data.module';
export * from './demo-partners';
