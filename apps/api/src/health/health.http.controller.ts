import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '@windscreen/auth';
import { APP_CONFIG, AppConfig } from '@windscreen/config';
import { ProjectionProgress } from '@windscreen/projections';
import { Inject } from '@nestjs/common';

@ApiTags('operations')
@Controller('health')
export class HealthHttpController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly progress: ProjectionProgress,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  @ApiOkResponse({ description: 'Database reachable; head of the event log and lag of each projection' })
  async health() {
    await this.dataSource.query('select 1');
    const lag = await this.progress.lag();
    return {
      status: 'ok',
      eventStore: this.config.eventStore,
      projectionsInThisProcess: this.config.projections,
      ...lag,
    };
  }
}
