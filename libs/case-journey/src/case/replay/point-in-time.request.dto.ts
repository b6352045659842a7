import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsInstant } from '../../shared/http-dto';

/** Look back at a moment: what was known then (asOf), or what had happened by then (asOccurredBy). */
export class PointInTimeRequestDto {
  @ApiPropertyOptional({ description: 'The case as the system knew it then: events recorded up to this moment' })
  @IsOptional()
  @IsInstant()
  asOf?: string;

  @ApiPropertyOptional({
    description: 'The case as it was: events that had happened by then, including ones recorded later',
  })
  @IsOptional()
  @IsInstant()
  asOccurredBy?: string;

  @ApiPropertyOptional({ description: 'Wait (bounded) until the read model has this position' })
  @IsOptional()
  minPosition?: string;
}
