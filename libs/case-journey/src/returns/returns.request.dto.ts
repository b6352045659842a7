import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { AREAS, Area } from '../domain/national-codes';
import { IsCalendarDate, IsInstant } from '../shared/http-dto';
import { ANNEX_A_LISTS } from './annex-a';

/** What every return takes: when the record is read as known, and for which area. */
class ReturnRequestDto {
  @ApiPropertyOptional({
    example: '2025-05-01T00:00:00Z',
    description: 'The record as known then: events recorded by this moment (default: now)',
  })
  @IsOptional()
  @IsInstant()
  asOf?: string;

  @ApiPropertyOptional({ enum: AREAS, description: 'One local authority (default: both, each with its own LA code)' })
  @IsOptional()
  @IsIn(AREAS)
  area?: Area;
}

export class CinCensusRequestDto extends ReturnRequestDto {
  @ApiProperty({
    example: 2025,
    description: 'The collection year, named by the 31 March it ends on: 2025 is 1 April 2024 to 31 March 2025',
  })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2099)
  year!: number;
}

export class AnnexARequestDto extends ReturnRequestDto {
  @ApiProperty({ example: '2025-01-01', description: 'First day of the inspection period, inclusive' })
  @IsCalendarDate()
  from!: string;
  @ApiProperty({ example: '2025-06-30', description: 'Last day of the inspection period, inclusive' })
  @IsCalendarDate()
  to!: string;

  @ApiPropertyOptional({
    enum: ANNEX_A_LISTS,
    description: 'One list (with format=csv); default: the workbook of lists 1-7',
  })
  @IsOptional()
  @Type(() => Number)
  @IsIn(ANNEX_A_LISTS)
  list?: number;

  @ApiPropertyOptional({ enum: ['xlsx', 'csv'], default: 'xlsx', description: 'csv needs a list' })
  @IsOptional()
  @IsIn(['xlsx', 'csv'])
  format?: 'xlsx' | 'csv';
}
