export * from './a-contact';
export * from './a-sharing-decision';
export * from './test-app';
export * from './test-database';
export * from './eventually';
export * from './cin-census-schema';
export * from './run-cli';
export * from './projection-under-test';
