import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CASE_JOURNEY_ENTITIES, CASE_JOURNEY_PROJECTIONS } from '@windscreen/case-journey';
import { AppConfig, ConfigModule } from '@windscreen/config';
import { DatabaseModule } from '@windscreen/database';
import { EventStoreModule } from '@windscreen/event-store';
import { ProjectionsModule } from '@windscreen/projections';

/** The standalone projection worker: the same projections the api runs inline, nothing else. */
@Module({})
export class ProjectorModule {
  static register(config: AppConfig, databaseUrl: string, options: { run: boolean } = { run: true }): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot({ url: databaseUrl, poolSize: 5 }),
        TypeOrmModule.forFeature(CASE_JOURNEY_ENTITIES),
        EventStoreModule,
        ProjectionsModule.forRoot({ projections: CASE_JOURNEY_PROJECTIONS, run: options.run }),
      ],
    };
  }
}
