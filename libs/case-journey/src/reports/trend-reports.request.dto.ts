import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { AREAS, Area } from '../domain/national-codes';
import { INTERVALS, Interval } from './periods';
import { REPORT_NAMES } from './trend-report.query';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = (field: string) => `${field} must be a date written YYYY-MM-DD, e.g. 2026-01-31`;

/** The filters every report takes. */
export class TrendReportRequestDto {
  @ApiPropertyOptional({
    example: '2026-01-01',
    description: 'First day, inclusive (YYYY-MM-DD). Default: the day after the same date a year before `to`',
  })
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE('from') })
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE('from') })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Last day, inclusive (YYYY-MM-DD). Default: today (UK)' })
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE('to') })
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE('to') })
  to?: string;

  @ApiPropertyOptional({
    enum: INTERVALS,
    default: 'month',
    description: 'Periods: ISO weeks (2026-W05), months (2026-01) or quarters (2026-Q1)',
  })
  @IsOptional()
  @IsIn(INTERVALS)
  interval?: Interval;

  @ApiPropertyOptional({ enum: AREAS }) @IsOptional() @IsIn(AREAS) area?: Area;

  @ApiPropertyOptional({
    description:
      'A team. A manager without the all-teams claim sees only their own team (the default); another team is 403',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  team?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'Or send Accept: text/csv' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';

  @ApiPropertyOptional({ description: 'Wait (bounded) until the read models have this position' })
  @IsOptional()
  @Matches(/^\d{1,19}$/)
  minPosition?: string;
}

class ReportFiltersDto {
  @ApiProperty({ example: '2026-01-01' }) from!: string;
  @ApiProperty({ example: '2026-12-31' }) to!: string;
  @ApiProperty({ enum: INTERVALS }) interval!: Interval;
  @ApiProperty({ enum: AREAS, nullable: true, type: String }) area!: Area | null;
  @ApiProperty({ nullable: true, type: String, description: 'A manager’s own team when they have no all-teams claim' })
  team!: string | null;
}

class ReportColumnDto {
  @ApiProperty({ example: 'stepUps' }) key!: string;
  @ApiProperty({ example: 'Step-ups' }) label!: string;
}

/** The one shape of every report: JSON, or the same columns and rows as CSV (header row = labels). */
export class TrendReportResponseDto {
  @ApiProperty({ enum: REPORT_NAMES }) report!: string;
  @ApiProperty({ type: ReportFiltersDto, description: 'The filters as applied' }) filters!: ReportFiltersDto;
  @ApiProperty({ type: [ReportColumnDto], description: 'The keys of each row, in order, with their labels' })
  columns!: ReportColumnDto[];
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }], nullable: true },
    },
    example: [{ period: '2026-01', stepUps: 12, stepDowns: 9 }],
  })
  rows!: Record<string, string | number | null>[];
}
