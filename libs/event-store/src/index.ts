export * from './append-signal';
export * from './catch-up-subscription';
export * from './event-store.errors';
export * from './event-store.module';
export * from './event-store.port';
export * from './hash-chain';
export * from './kurrentdb/kurrentdb-event-store';
export * from './postgres/postgres-event-store';
