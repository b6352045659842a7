import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Pool } from 'pg';

export const DATABASE_URL = Symbol('DATABASE_URL');
export const PG_POOL = Symbol('PG_POOL');

export interface DatabaseModuleOptions {
  url: string;
  poolSize?: number;
}

/** TypeORM for the read models and a plain `pg` pool for the event store, on one database. */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    const poolSize = options.poolSize ?? 20;
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
        }),
      ],
      providers: [
        { provide: DATABASE_URL, useValue: options.url },
        {
          provide: PG_POOL,
          useFactory: () => {
            const pool = new Pool({ connectionString: options.url, max: poolSize });
            // An idle connection dropped by the server is replaced on next use; it must not crash the process.
            pool.on('error', () => undefined);
            return pool;
          },
        },
      ],
      exports: [DATABASE_URL, PG_POOL, TypeOrmModule],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
