import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
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
export class EventStoreModule implements OnApplicationShutdown {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    private readonly checkpoints: LogCheckpoints,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.checkpoints.stopPeriodic();
    await this.store.close();
  }
}
