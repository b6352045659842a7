import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '@windscreen/auth';
import { uuidParam } from '../../shared/case-id.pipe';
import { ChainReport, VerifyCaseChainQuery } from './verify-chain.query';
import { LogsCaseAccess } from '../access-log/access-log.interceptor';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/verify')
export class VerifyChainHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @LogsCaseAccess('hash_chain_verification')
  @Roles('auditor')
  @ApiQuery({ name: 'caseId', required: true })
  @ApiOkResponse({ description: 'R22: the case’s hash chain recomputed from the event log; the first broken link, if any' })
  @ApiNotFoundResponse()
  verify(@Query('caseId', uuidParam('caseId')) caseId: string): Promise<ChainReport> {
    return this.queryBus.execute(new VerifyCaseChainQuery(caseId));
  }
}
