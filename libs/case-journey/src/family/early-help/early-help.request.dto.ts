import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CommandRequestDto } from '../../shared/http-dto';
import { TEAM_KINDS, TeamKind } from '../family.decider';
import {
  EHA_OUTCOMES,
  EhaOutcome,
  HUB_DECISIONS,
  HubDecision,
  KEEP_IN_TOUCH_REASONS,
  KeepInTouchReason,
  NEED_LEVELS,
  NeedLevel,
} from './early-help.decide';

export class ProfessionalDto {
  @ApiProperty({ example: 'J. Smith' }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({ example: 'Northfield Primary School' }) @IsString() @IsNotEmpty() @MaxLength(200) agency!: string;
  @ApiPropertyOptional({ example: 'Designated safeguarding lead' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  role?: string;
  @ApiPropertyOptional({ example: '01234 567890' }) @IsOptional() @IsString() @MaxLength(200) contact?: string;
  @ApiPropertyOptional({
    description:
      'Their Windscreen user id, when they have one: lead professionals and TAF members may then read the family’s cases',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  userId?: string;
}

export class StartEarlyHelpAssessmentRequestDto extends CommandRequestDto {
  @ApiProperty({ type: ProfessionalDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ProfessionalDto)
  leadProfessional!: ProfessionalDto;
}

export class ConveneTeamAroundFamilyRequestDto extends CommandRequestDto {
  @ApiProperty({ enum: TEAM_KINDS, description: 'Team around the Family or around the Child' })
  @IsIn(TEAM_KINDS)
  kind!: TeamKind;
  @ApiProperty({ type: ProfessionalDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ProfessionalDto)
  leadProfessional!: ProfessionalDto;
  @ApiProperty({ type: [ProfessionalDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ProfessionalDto)
  members!: ProfessionalDto[];
  @ApiPropertyOptional({
    example: '2026-04-13',
    description: 'R34: the first review meeting (default: 6 weeks after convening)',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  @IsISO8601({ strict: true })
  firstReviewDate?: string;
}

export class AddTeamAroundFamilyMemberRequestDto extends CommandRequestDto {
  @ApiProperty({ type: ProfessionalDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ProfessionalDto)
  member!: ProfessionalDto;
}

export class EarlyHelpAssessmentStartedDto {
  @ApiProperty() ehaId!: string;
  @ApiProperty() familyId!: string;
  @ApiProperty() revision!: string;
  @ApiProperty() position!: string;
}

export class RecordNeedAndStrengthRequestDto extends CommandRequestDto {
  @ApiProperty({ enum: NEED_LEVELS }) @IsIn(NEED_LEVELS) need!: NeedLevel;
  @ApiProperty({ enum: NEED_LEVELS }) @IsIn(NEED_LEVELS) strength!: NeedLevel;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(5000) rationale!: string;
}

export class CompleteEarlyHelpAssessmentRequestDto extends CommandRequestDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(20000) summary!: string;
}

export class CloseEarlyHelpAssessmentRequestDto extends CommandRequestDto {
  @ApiProperty({ enum: EHA_OUTCOMES }) @IsIn(EHA_OUTCOMES) outcome!: EhaOutcome;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(20000) summary!: string;
}

export class RecordTeamAroundFamilyReviewRequestDto extends CommandRequestDto {
  @ApiProperty({ example: '2026-04-01' }) @Matches(/^\d{4}-\d{2}-\d{2}$/) @IsISO8601({ strict: true }) heldOn!: string;
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  attendees!: string[];
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(20000) progress!: string;
  @ApiProperty({ example: '2026-05-13' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  @IsISO8601({ strict: true })
  nextReviewDate!: string;
}

export class ChangeLeadProfessionalRequestDto extends CommandRequestDto {
  @ApiProperty({ type: ProfessionalDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ProfessionalDto)
  leadProfessional!: ProfessionalDto;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(5000) reason!: string;
}

export class RecordEarlyHelpHubDecisionRequestDto extends CommandRequestDto {
  @ApiProperty({ enum: HUB_DECISIONS }) @IsIn(HUB_DECISIONS) decision!: HubDecision;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(10000) rationale!: string;
}

export class StartKeepInTouchRequestDto extends CommandRequestDto {
  @ApiProperty({ enum: KEEP_IN_TOUCH_REASONS }) @IsIn(KEEP_IN_TOUCH_REASONS) reason!: KeepInTouchReason;
  @ApiProperty({ description: 'R5: the child is not judged at risk of significant harm' })
  @IsBoolean()
  notAtRiskOfSignificantHarm!: boolean;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(5000) plan!: string;
}

export class EndKeepInTouchRequestDto extends CommandRequestDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(5000) reason!: string;
}
