import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { LEVELS_OF_NEED, LevelOfNeed } from '../../domain/levels-of-need';
import { CommandRequestDto } from '../../shared/http-dto';
import { CONSENT_EXCEPTIONS, ConsentException, REASON_CATEGORIES, ReasonCategory } from './change-level-of-need.decide';

export class ImmediateRiskDto {
  @ApiProperty({ description: 'Why the child is at immediate risk of significant harm' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  justification!: string;
}

export class ConsentExceptionDto {
  @ApiProperty({ enum: CONSENT_EXCEPTIONS }) @IsIn(CONSENT_EXCEPTIONS) reason!: ConsentException;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(10000) justification!: string;
}

export class ChangeLevelOfNeedRequestDto extends CommandRequestDto {
  @ApiProperty({ enum: LEVELS_OF_NEED }) @IsIn(LEVELS_OF_NEED) level!: LevelOfNeed;

  @ApiProperty({ example: 'Needs met by the school nurse and family support worker' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  reason!: string;

  @ApiPropertyOptional({
    enum: REASON_CATEGORIES,
    description:
      'Why, as a category the managers’ reports count. Stepping up: needs_escalated, risk_of_significant_harm; stepping down: ' +
      'needs_met, statutory_work_ended; either way: new_information, family_disengaged, other. Omitted, reports show not_recorded',
  })
  @IsOptional()
  @IsIn(REASON_CATEGORIES)
  reasonCategory?: ReasonCategory;

  @ApiPropertyOptional({ description: 'Step down: what changed (defaults to the reason)' })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  whatChanged?: string;

  @ApiPropertyOptional({
    description: 'R6: to specialist after early help: what was done, achieved and is outstanding',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  earlyHelpSummary?: string;

  @ApiPropertyOptional({ type: ImmediateRiskDto, description: 'R6/R8: an immediate risk of significant harm' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ImmediateRiskDto)
  immediateRisk?: ImmediateRiskDto;

  @ApiPropertyOptional({ description: 'R7: the parents were informed of the referral' })
  @IsOptional()
  @IsBoolean()
  parentsInformed?: boolean;

  @ApiPropertyOptional({ type: ConsentExceptionDto, description: 'R7: why the parents were not informed' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ConsentExceptionDto)
  consentException?: ConsentExceptionDto;

  @ApiPropertyOptional({ description: 'R8: the intention to refer was discussed with the parent' })
  @IsOptional()
  @IsBoolean()
  intentionDiscussedWithParent?: boolean;
}
