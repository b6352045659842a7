import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

/** Every command may say when it happened (late recording); it defaults to now. */
export class CommandRequestDto {
  @ApiPropertyOptional({ description: 'When it happened (ISO 8601 with time zone); defaults to now', example: '2026-03-02T09:15:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'occurredAt must be an ISO 8601 date-time, e.g. 2026-03-02T09:15:00Z' })
  occurredAt?: string;
}

/** What every command answers: where the stream is now and the position to read your writes. */
export class CommandResponseDto {
  @ApiProperty({ description: "The stream's revision after the command" }) revision!: string;
  @ApiProperty({ description: 'Global position of what was recorded: pass as ?minPosition= to read your writes' })
  position!: string;
}

export function commandResponse(result: { revision: bigint; position: bigint }): CommandResponseDto {
  return { revision: result.revision.toString(), position: result.position.toString() };
}
