import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { LEVELS_OF_NEED } from '../../domain/levels-of-need';
import { AREAS } from '../../domain/national-codes';

export const CASELOAD_SORTS = ['openedAt', '-openedAt', 'lastActivity', '-lastActivity'] as const;

export class CaseloadRequestDto {
  @ApiPropertyOptional({ enum: LEVELS_OF_NEED }) @IsOptional() @IsIn(LEVELS_OF_NEED) level?: string;
  @ApiPropertyOptional({ enum: AREAS }) @IsOptional() @IsIn(AREAS) area?: string;
  @ApiPropertyOptional({ description: 'The team that holds the case' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  team?: string;
  @ApiPropertyOptional({ description: 'Allocated worker’s user id' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  worker?: string;
  @ApiPropertyOptional({
    description: 'Lead professional of the family’s EHA or TAF/TAC: their user id or name (any case)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  leadProfessional?: string;
  @ApiPropertyOptional({ enum: ['open', 'closed'] }) @IsOptional() @IsIn(['open', 'closed']) status?: string;
  @ApiPropertyOptional({ description: 'Only cases with an item past its due time' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;
  @ApiPropertyOptional({
    enum: CASELOAD_SORTS,
    default: '-lastActivity',
    description: 'A leading minus sorts newest first',
  })
  @IsOptional()
  @IsIn(CASELOAD_SORTS)
  sort?: (typeof CASELOAD_SORTS)[number];
  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
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
