import { ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import {
  ARTICLE_6_BASES,
  ARTICLE_9_CONDITIONS,
  CONFIDENTIALITY_BASES,
  DATA_SUBJECTS,
  NOT_RECORDED,
  SHARING_BASES,
  SHARING_DECISIONS,
} from '../../case/information-sharing/information-sharing.decide';
import { IsDateOrInstant, IsPosition } from '../../shared/http-dto';

/** A decision is late when it came more than this many hours after the request; an auditor may ask with another threshold. */
export const DEFAULT_LATE_AFTER_HOURS = 24;
const PERIODS = ['week', 'month', 'quarter', 'year'] as const;

export class InformationSharingAuditRequestDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID('all') caseId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all') familyId?: string;
  @ApiPropertyOptional({ description: 'An agency shared with' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  agency?: string;
  @ApiPropertyOptional({ enum: SHARING_DECISIONS }) @IsOptional() @IsIn(SHARING_DECISIONS) decision?: string;
  @ApiPropertyOptional({ enum: SHARING_BASES }) @IsOptional() @IsIn(SHARING_BASES) basis?: string;
  @ApiPropertyOptional({ enum: [...ARTICLE_6_BASES, NOT_RECORDED] })
  @IsOptional()
  @IsIn([...ARTICLE_6_BASES, NOT_RECORDED])
  article6Basis?: string;
  @ApiPropertyOptional({
    enum: [...ARTICLE_9_CONDITIONS, 'none'],
    description: 'none: no Article 9 condition recorded',
  })
  @IsOptional()
  @IsIn([...ARTICLE_9_CONDITIONS, 'none'])
  article9Condition?: string;
  @ApiPropertyOptional({ enum: [...CONFIDENTIALITY_BASES, NOT_RECORDED] })
  @IsOptional()
  @IsIn([...CONFIDENTIALITY_BASES, NOT_RECORDED])
  confidentialityBasis?: string;
  @ApiPropertyOptional({ enum: DATA_SUBJECTS, description: 'Whose information it is (one of them)' })
  @IsOptional()
  @IsIn(DATA_SUBJECTS)
  dataSubject?: string;
  @ApiPropertyOptional({
    enum: ['true', 'false', NOT_RECORDED],
    description: 'Was the person told their information was shared (golden rule 2)',
  })
  @IsOptional()
  @IsIn(['true', 'false', NOT_RECORDED])
  told?: string;
  @ApiPropertyOptional({
    enum: ['true'],
    description: 'Only decisions made later after the request than lateAfterHours',
  })
  @IsOptional()
  @IsIn(['true'])
  late?: string;
  @ApiPropertyOptional({ default: DEFAULT_LATE_AFTER_HOURS, maximum: 8760 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(8760)
  lateAfterHours?: number;
  @ApiPropertyOptional({
    enum: ['true'],
    description:
      'Only shares without consent whose record lacks the judgement, the confidentiality basis, or why the person was not told',
  })
  @IsOptional()
  @IsIn(['true'])
  withoutConsentWithoutReason?: string;
  @ApiPropertyOptional({
    enum: ['given', 'refused', 'withdrawn', 'none'],
    description: 'Consent in force when decided',
  })
  @IsOptional()
  @IsIn(['given', 'refused', 'withdrawn', 'none'])
  consentInForce?: string;
  @ApiPropertyOptional({ description: 'The id of who decided' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  decidedBy?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateOrInstant() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateOrInstant() to?: string;
  @ApiPropertyOptional({ enum: PERIODS, default: 'month', description: 'The period of totals.byPeriod (UK time)' })
  @IsOptional()
  @IsIn(PERIODS)
  period?: string;
  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
  @ApiPropertyOptional({ description: 'The `next` value of the previous page' })
  @IsOptional()
  @IsPosition()
  cursor?: string;
  @ApiPropertyOptional({ enum: ['json', 'csv'] }) @IsOptional() @IsIn(['json', 'csv']) format?: string;
  @ApiPropertyOptional({ description: 'Wait (bounded) until the read model has this position' })
  @IsOptional()
  minPosition?: string;
}

export class InformationSharingDecisionAuditRequestDto extends PickType(InformationSharingAuditRequestDto, [
  'lateAfterHours',
  'minPosition',
] as const) {}
