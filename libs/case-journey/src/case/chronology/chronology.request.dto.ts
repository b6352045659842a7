import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PointInTimeRequestDto } from '../replay/point-in-time.request.dto';

const FORMATS = ['json', 'csv', 'html'] as const;

export class ChronologyRequestDto extends PointInTimeRequestDto {
  @ApiPropertyOptional({ enum: FORMATS, description: 'Or send Accept: text/csv or text/html' })
  @IsOptional()
  @IsIn(FORMATS)
  format?: (typeof FORMATS)[number];
}
