import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Equals, IsInt, IsISO8601, IsNotEmptyObject, IsString, Matches, Min, ValidateNested } from 'class-validator';
import { Roles } from '@windscreen/auth';
import type { CheckpointReceipt, LogVerificationReport } from '@windscreen/event-store';
import { uuidParam } from '../../shared/case-id.pipe';
import { ChainReport, VerifyCaseChainQuery, VerifyLogQuery } from './verify-chain.query';
import { LogsCaseAccess } from '../access-log/access-log.interceptor';

const HEX_64 = /^[0-9a-f]{64}$/;

/** A checkpoint receipt as `POST /audit/checkpoints` or `GET /audit/checkpoints/latest` gave it. */
export class CheckpointReceiptDto implements CheckpointReceipt {
  @ApiProperty({ example: 'windscreen-log-checkpoint/1' }) @Equals('windscreen-log-checkpoint/1') format!: 'windscreen-log-checkpoint/1';
  @ApiProperty({ description: 'The last position covered' }) @Matches(/^\d{1,20}$/, { message: 'position must be a position (digits)' }) position!: string;
  @ApiProperty() @IsInt() @Min(0) events!: number;
  @ApiProperty() @Matches(HEX_64, { message: 'logHash must be 64 hex digits' }) logHash!: string;
  @ApiProperty() @IsInt() @Min(0) streams!: number;
  @ApiProperty() @Matches(HEX_64, { message: 'streamsHash must be 64 hex digits' }) streamsHash!: string;
  @ApiProperty() @IsISO8601({ strict: true }) signedAt!: string;
  @ApiProperty() @Matches(/^[0-9a-f]{16}$/, { message: 'keyId must be 16 hex digits' }) keyId!: string;
  @ApiProperty({ description: 'The Ed25519 public key, SPKI DER in base64' }) @IsString() @Matches(/^[A-Za-z0-9+/=]{1,200}$/) publicKey!: string;
  @ApiProperty({ description: 'The signature, base64' }) @IsString() @Matches(/^[A-Za-z0-9+/=]{1,200}$/) signature!: string;
}

export class VerifyAgainstReceiptRequestDto {
  @ApiProperty({ type: CheckpointReceiptDto, description: 'A receipt kept outside the system' })
  @IsNotEmptyObject()
  @ValidateNested()
  @Type(() => CheckpointReceiptDto)
  receipt!: CheckpointReceiptDto;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/verify')
export class VerifyChainHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @LogsCaseAccess('hash_chain_verification')
  @Roles('auditor')
  @ApiQuery({ name: 'caseId', required: false, description: 'One case; without it, the whole log' })
  @ApiOkResponse({
    description:
      'R22: with caseId, the case’s hash chain recomputed from the event log and compared with the latest signed checkpoint; without, every stream and the whole log against the latest signed checkpoint, naming what changed',
  })
  @ApiNotFoundResponse()
  verify(@Query('caseId', uuidParam('caseId', { optional: true })) caseId: string | undefined): Promise<ChainReport | LogVerificationReport> {
    return caseId === undefined ? this.queryBus.execute(new VerifyLogQuery()) : this.queryBus.execute(new VerifyCaseChainQuery(caseId));
  }

  @Post()
  @HttpCode(200)
  @Roles('auditor')
  @ApiOkResponse({ description: 'R22: every stream and the whole log against the receipt given, naming what changed since it was signed' })
  verifyAgainstReceipt(@Body() body: VerifyAgainstReceiptRequestDto): Promise<LogVerificationReport> {
    return this.queryBus.execute(new VerifyLogQuery(body.receipt));
  }
}

