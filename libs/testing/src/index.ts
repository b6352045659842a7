export * from './a-contact';
export * from './test-app';
export * from './test-database';
export * from './eventually';
