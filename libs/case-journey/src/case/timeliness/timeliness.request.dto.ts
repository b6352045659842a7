import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AREAS } from '../../domain/national-codes';
import { TIMELINESS_RULES } from './timeliness-items';

export class TimelinessRequestDto {
  @ApiPropertyOptional({ enum: TIMELINESS_RULES }) @IsOptional() @IsIn(TIMELINESS_RULES) rule?: string;
  @ApiPropertyOptional({ enum: AREAS }) @IsOptional() @IsIn(AREAS) area?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) team?: string;
  @ApiPropertyOptional({ description: 'Only the items of cases allocated to this worker (user id)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  worker?: string;
  @ApiPropertyOptional({
    enum: ['overdue', 'due'],
    description: 'overdue: past its due time now; due: not yet. Both when absent',
  })
  @IsOptional()
  @IsIn(['overdue', 'due'])
  state?: 'overdue' | 'due';
  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
  @ApiPropertyOptional({ description: 'The `next` value of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
  @ApiPropertyOptional({ description: 'Wait (bounded) until the read model has this position' })
  @IsOptional()
  minPosition?: string;
}
