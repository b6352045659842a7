import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { Equals, IsInt, IsISO8601, IsString, Matches, Min, validateSync } from 'class-validator';
import { Roles } from '@windscreen/auth';
import { flattenValidationErrors, RequestValidationError } from '@windscreen/http';
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

/**
 * `?receipt=`: the receipt's JSON, as is or in base64url (which needs no escaping in an address).
 * Checked field by field; a 400 names what is wrong.
 */
export function parseReceiptParameter(raw: string): CheckpointReceipt {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.trimStart().startsWith('{') ? raw : Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw new RequestValidationError([{ field: 'receipt', reasons: ['receipt must be a checkpoint receipt: its JSON, or that JSON in base64url'] }]);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new RequestValidationError([{ field: 'receipt', reasons: ['receipt must be a JSON object'] }]);
  }
  const receipt = plainToInstance(CheckpointReceiptDto, parsed);
  const errors = validateSync(receipt, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw new RequestValidationError(flattenValidationErrors(errors, 'receipt'));
  return receipt;
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
  @ApiQuery({
    name: 'receipt',
    required: false,
    description: 'A checkpoint receipt kept outside the system (its JSON, or base64url of it): the whole log is checked against it rather than the latest checkpoint',
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
      throw new RequestValidationError([{ field: 'receipt', reasons: ['a receipt is checked against the whole log: leave caseId out'] }]);
    }
    if (caseId !== undefined) return this.queryBus.execute(new VerifyCaseChainQuery(caseId));
    return this.queryBus.execute(new VerifyLogQuery(receipt === undefined ? undefined : parseReceiptParameter(receipt)));
  }
}

