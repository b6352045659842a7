import {
  DynamicModule,
  Inject,
  Logger,
  Module,
  BeforeApplicationShutdown,
  OnApplicationBootstrap,
  Type,
} from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@windscreen/database';
import { EventStore } from '@windscreen/event-store';
import { Projection, PROJECTIONS } from './projection';
import { ProjectionProgress } from './projection-progress';
import { ProjectionRunner } from './projection-runner';
import { ReadYourWritesInterceptor } from './read-your-writes.interceptor';

const RUN_PROJECTIONS = Symbol('RUN_PROJECTIONS');

export interface ProjectionsModuleOptions {
  projections: Type<Projection>[];
  /** Run the projections in this process (the api with PROJECTIONS=inline, or the projector). */
  run: boolean;
}

@Module({})
export class ProjectionsModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projections');

  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(RUN_PROJECTIONS) private readonly run: boolean,
  ) {}

  static forRoot(options: ProjectionsModuleOptions): DynamicModule {
    return {
      module: ProjectionsModule,
      global: true,
      providers: [
        ...options.projections,
        { provide: RUN_PROJECTIONS, useValue: options.run },
        {
          provide: PROJECTIONS,
          inject: options.projections,
          useFactory: (...projections: Projection[]) => projections,
        },
        {
          provide: ProjectionRunner,
          inject: [PG_POOL, EventStore, PROJECTIONS],
          useFactory: (pool: Pool, store: EventStore, projections: Projection[]) => {
            const logger = new Logger('Projections');
            return new ProjectionRunner(pool, store, projections, (name, error) =>
              logger.error({ msg: `projection ${name} failed; retrying`, error: String(error) }),
            );
          },
        },
        {
          provide: ProjectionProgress,
          inject: [PG_POOL, EventStore, PROJECTIONS],
          useFactory: (pool: Pool, store: EventStore, projections: Projection[]) =>
            new ProjectionProgress(pool, store, projections),
        },
        ReadYourWritesInterceptor,
      ],
      exports: [PROJECTIONS, ProjectionRunner, ProjectionProgress, ReadYourWritesInterceptor],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.ensureCheckpoints();
    if (this.run) {
      await this.runner.start();
      this.logger.log(
        `running projections: ${this.runner.projections.map((projection) => projection.name).join(', ')}`,
      );
    }
  }

  /** Before the database's pool closes (at application shutdown): no batch is left using it. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}
