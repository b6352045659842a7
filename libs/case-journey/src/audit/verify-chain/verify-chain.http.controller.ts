import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '@windscreen/auth';
import { RequestValidationError } from '@windscreen/http';
import type { LogVerificationReport } from '@windscreen/event-store';
import { uuidParam } from '../../shared/case-id.pipe';
import { ChainReport, VerifyCaseChainQuery, VerifyLogQuery } from './verify-chain.query';
import { LogsCaseAccess } from '../access-log/access-log.interceptor';
import { parseReceiptParameter } from './verify-chain.request.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/verify')
export class VerifyChainHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @LogsCaseAccess('hash_chain_verification')
  @Roles('auditor')
  @ApiQuery({ name: 'caseId', required: false, description: 'One case; without it, the whole log' })
  @ApiQuery({
    name: 'receipt',
    required: false,
    description:
      'A checkpoint receipt kept outside the system (its JSON, or base64url of it): the whole log is checked against it rather than the latest checkpoint',
  })
  @ApiOkResponse({
    description:
      'R22: with caseId, the case’s hash chain recomputed from the event log and compared with the latest signed checkpoint; without, every stream and the whole log against the latest signed checkpoint (or the receipt given), naming what changed',
  })
  @ApiNotFoundResponse()
  verify(
    @Query('caseId', uuidParam('caseId', { optional: true })) caseId: string | undefined,
    @Query('receipt') receipt: string | undefined,
  ): Promise<ChainReport | LogVerificationReport> {
    if (caseId !== undefined && receipt !== undefined) {
      throw new RequestValidationError([
        { field: 'receipt', reasons: ['a receipt is checked against the whole log: leave caseId out'] },
      ]);
    }
    if (caseId !== undefined) return this.queryBus.execute(new VerifyCaseChainQuery(caseId));
    return this.queryBus.execute(
      new VerifyLogQuery(receipt === undefined ? undefined : parseReceiptParameter(receipt)),
    );
  }
}
