export * from './idempotency.interceptor';
export * from './json-body';
export * from './json-logger';
export * from './problem-details.filter';
export * from './request-context';
export * from './request-shape';
export * from './security-headers';
export * from './validation';
