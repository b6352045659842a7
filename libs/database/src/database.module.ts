import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { poolOf } from './sql';

export const DATABASE_URL = Symbol('DATABASE_URL');
export const PG_POOL = Symbol('PG_POOL');

export interface DatabaseModuleOptions {
  url: string;
  poolSize?: number;
}

/**
 * One pool of connections per process. TypeORM opens it (and runs the migrations and the read
 * models' queries through its DataSource); the event store, the projections and the logs take the
 * same pool as `PG_POOL`, and speak plain SQL to it. TypeORM closes it at shutdown.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    const poolSize = options.poolSize ?? 30;
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: options.url,
          autoLoadEntities: true,
          synchronize: false,
          migrationsRun: false,
          extra: { max: poolSize },
          // An idle connection dropped by the server is replaced on next use; it must not crash the process.
          poolErrorHandler: () => undefined,
        }),
      ],
      providers: [
        { provide: DATABASE_URL, useValue: options.url },
        { provide: PG_POOL, inject: [DataSource], useFactory: poolOf },
      ],
      exports: [DATABASE_URL, PG_POOL, TypeOrmModule],
    };
  }
}
