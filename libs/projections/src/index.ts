export * from './projection';
export * from './projection-progress';
export * from './projection-runner';
export * from './projections.module';
export * from './read-your-writes.interceptor';
export * from './rebuild';
export * from './upsert-rows';
export * from './written-keys';
