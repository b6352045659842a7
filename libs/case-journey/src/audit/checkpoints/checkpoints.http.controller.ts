import { Controller, Get, Post } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@windscreen/auth';
import { CheckpointReceipt, LogCheckpoints } from '@windscreen/event-store';
import { GetLatestCheckpointQuery } from './get-latest-checkpoint.query';

/**
 * R22: signed checkpoints of the event log. A receipt is small: an auditor keeps it outside the
 * system and later gives it to `POST /audit/verify` (or `npm run verify -- --receipt`).
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/checkpoints')
export class CheckpointsHttpController {
  constructor(
    private readonly checkpoints: LogCheckpoints,
    private readonly queryBus: QueryBus,
  ) {}

  @Post()
  @Roles('auditor')
  @ApiCreatedResponse({
    description:
      'Signs a checkpoint of the log as it is now (or returns the latest, if nothing was recorded since): its receipt',
  })
  write(): Promise<CheckpointReceipt> {
    return this.checkpoints.write();
  }

  @Get('latest')
  @Roles('auditor')
  @ApiOkResponse({ description: 'The receipt of the latest checkpoint signed with this server’s key' })
  @ApiNotFoundResponse({ description: 'No checkpoint has been signed yet' })
  latest(): Promise<CheckpointReceipt> {
    return this.queryBus.execute(new GetLatestCheckpointQuery());
  }
}
