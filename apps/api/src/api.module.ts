import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '@windscreen/auth';
import { CASE_JOURNEY_PROJECTIONS, CaseJourneyModule } from '@windscreen/case-journey';
import { AppConfig, ConfigModule } from '@windscreen/config';
import { DatabaseModule } from '@windscreen/database';
import { EventStoreModule, PeriodicCheckpoints } from '@windscreen/event-store';
import { IdempotencyInterceptor } from '@windscreen/http';
import { ProjectionsModule } from '@windscreen/projections';
import { DashboardHttpController } from './dashboard/dashboard.http.controller';
import { HealthHttpController } from './health/health.http.controller';
import { WebModule } from './web/web.module';

export interface ApiModuleOptions {
  config: AppConfig;
  databaseUrl: string;
}

@Module({})
export class ApiModule {
  static register({ config, databaseUrl }: ApiModuleOptions): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot({ url: databaseUrl }),
        EventStoreModule,
        AuthModule,
        CqrsModule.forRoot(),
        ProjectionsModule.forRoot({ projections: CASE_JOURNEY_PROJECTIONS, run: config.projections === 'inline' }),
        CaseJourneyModule,
        WebModule,
      ],
      controllers: [HealthHttpController, DashboardHttpController],
      providers: [{ provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }, PeriodicCheckpoints],
    };
  }
}
