import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { CommandRequestDto, IsCalendarDate } from '../../shared/http-dto';
import {
  ASSESSMENT_FACTORS,
  AssessmentFactor,
  PRIMARY_NEED_CODES,
  PrimaryNeedCode,
  SECTION_17_OUTCOMES,
  Section17Outcome,
} from './section-17.decide';

export class OpenSection17AssessmentRequestDto extends CommandRequestDto {}

export class CompleteSection17AssessmentRequestDto extends CommandRequestDto {
  @ApiProperty({ enum: PRIMARY_NEED_CODES, description: 'CIN census primary need' })
  @IsIn(PRIMARY_NEED_CODES)
  primaryNeed!: PrimaryNeedCode;
  @ApiProperty({
    enum: ASSESSMENT_FACTORS,
    isArray: true,
    description: 'CIN census assessment factors (21: no factors)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(42)
  @IsIn(ASSESSMENT_FACTORS, { each: true })
  factors!: AssessmentFactor[];
  @ApiProperty({ enum: SECTION_17_OUTCOMES }) @IsIn(SECTION_17_OUTCOMES) outcome!: Section17Outcome;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(20000) summary!: string;
  @ApiPropertyOptional({
    example: '2026-03-02',
    description: 'The day a manager authorised the assessment (CIN census); default: the day it is completed',
  })
  @IsOptional()
  @IsCalendarDate()
  authorisedOn?: string;
  @ApiPropertyOptional({ description: 'Whether the child was seen during the assessment (Annex A list 4)' })
  @IsOptional()
  @IsBoolean()
  childSeen?: boolean;
}
