import { BeforeApplicationShutdown, Global, Inject, Module } from '@nestjs/common';
import { Pool } from 'pg';
import { APP_CONFIG, AppConfig } from '@windscreen/config';
import { DATABASE_URL, PG_POOL } from '@windscreen/database';
import { LogCheckpoints } from './checkpoints/log-checkpoints';
import { EventStore } from './event-store.port';
import { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';
import { PostgresEventStore } from './postgres/postgres-event-store';

/** Provides the EventStore port, with the adapter chosen by `EVENT_STORE`. */
@Global()
@Module({
  providers: [
    {
      provide: EventStore,
      inject: [APP_CONFIG, PG_POOL, DATABASE_URL],
      useFactory: (config: AppConfig, pool: Pool, url: string): EventStore =>
        config.eventStore === 'eventstoredb'
          ? new KurrentDbEventStore(config.eventStoreUrl!)
          : new PostgresEventStore(pool, url),
    },
    LogCheckpoints,
  ],
  exports: [EventStore, LogCheckpoints],
})
export class EventStoreModule implements BeforeApplicationShutdown {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    private readonly checkpoints: LogCheckpoints,
  ) {}

  /** Before the database's pool closes (at application shutdown): no append or checkpoint is left using it. */
  async beforeApplicationShutdown(): Promise<void> {
    this.checkpoints.stopPeriodic();
    await this.store.close();
  }
}
