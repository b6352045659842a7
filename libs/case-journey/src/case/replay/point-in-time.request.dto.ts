import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

/** Look back at a moment: what was known then (asOf), or what had happened by then (asOccurredBy). */
export class PointInTimeRequestDto {
  @ApiPropertyOptional({ description: 'The case as the system knew it then: events recorded up to this moment' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'asOf must be an ISO 8601 date-time' })
  asOf?: string;

  @ApiPropertyOptional({ description: 'The case as it was: events that had happened by then, including ones recorded later' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'asOccurredBy must be an ISO 8601 date-time' })
  asOccurredBy?: string;

  @ApiPropertyOptional({ description: 'Wait (bounded) until the read model has this position' })
  @IsOptional()
  minPosition?: string;
}
