export * from './database-runtime';
export * from './database.module';
export * from './embedded-postgres';
export * from './migrate';
export * from './application-role';
export * from './sql';
export * from './read-indexes';
