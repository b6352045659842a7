import { ApiProperty } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { Equals, IsInt, IsISO8601, IsString, Matches, Min, validateSync } from 'class-validator';
import { flattenValidationErrors, RequestValidationError } from '@windscreen/http';
import type { CheckpointReceipt } from '@windscreen/event-store';

const HEX_64 = /^[0-9a-f]{64}$/;

/** A checkpoint receipt as `POST /audit/checkpoints` or `GET /audit/checkpoints/latest` gave it. */
export class CheckpointReceiptDto implements CheckpointReceipt {
  @ApiProperty({ example: 'windscreen-log-checkpoint/1' })
  @Equals('windscreen-log-checkpoint/1')
  format!: 'windscreen-log-checkpoint/1';
  @ApiProperty({ description: 'The last position covered' })
  @Matches(/^\d{1,20}$/, { message: 'position must be a position (digits)' })
  position!: string;
  @ApiProperty() @IsInt() @Min(0) events!: number;
  @ApiProperty() @Matches(HEX_64, { message: 'logHash must be 64 hex digits' }) logHash!: string;
  @ApiProperty() @IsInt() @Min(0) streams!: number;
  @ApiProperty() @Matches(HEX_64, { message: 'streamsHash must be 64 hex digits' }) streamsHash!: string;
  @ApiProperty() @IsISO8601({ strict: true }) signedAt!: string;
  @ApiProperty() @Matches(/^[0-9a-f]{16}$/, { message: 'keyId must be 16 hex digits' }) keyId!: string;
  @ApiProperty({ description: 'The Ed25519 public key, SPKI DER in base64' })
  @IsString()
  @Matches(/^[A-Za-z0-9+/=]{1,200}$/)
  publicKey!: string;
  @ApiProperty({ description: 'The signature, base64' })
  @IsString()
  @Matches(/^[A-Za-z0-9+/=]{1,200}$/)
  signature!: string;
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
    throw new RequestValidationError([
      { field: 'receipt', reasons: ['receipt must be a checkpoint receipt: its JSON, or that JSON in base64url'] },
    ]);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new RequestValidationError([{ field: 'receipt', reasons: ['receipt must be a JSON object'] }]);
  }
  const receipt = plainToInstance(CheckpointReceiptDto, parsed);
  const errors = validateSync(receipt, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw new RequestValidationError(flattenValidationErrors(errors, 'receipt'));
  return receipt;
}
