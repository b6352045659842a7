import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CommandRequestDto, IsInstant } from '../../shared/http-dto';
import {
  ADVICE_SOURCES,
  AdviceSource,
  Article6Basis,
  ARTICLE_6_BASES,
  Article9Condition,
  ARTICLE_9_CONDITIONS,
  CONFIDENTIALITY_BASES,
  ConfidentialityBasis,
  DATA_SUBJECTS,
  DataSubject,
  NOT_TOLD_REASONS,
  NotToldReason,
  PUBLIC_INTEREST_GROUNDS,
  PublicInterestGround,
  SCHEDULE_1_CONDITIONS,
  Schedule1Condition,
  SENDING_METHODS,
  SendingMethod,
  SHARING_BASES,
  SHARING_DECISIONS,
  SharingBasis,
  SharingDecision,
} from './information-sharing.decide';

export class RecipientDto {
  @ApiProperty({ example: 'Cambridgeshire Constabulary' }) @IsString() @IsNotEmpty() @MaxLength(200) agency!: string;
  @ApiPropertyOptional({ example: 'Child abuse investigation unit' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  role?: string;
  @ApiPropertyOptional({ example: 'DS Brown' }) @IsOptional() @IsString() @MaxLength(200) name?: string;
}

export class YoungPersonObjectionDto {
  @ApiProperty() @IsBoolean() overridden!: boolean;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(5000) why!: string;
}

/** Golden rule 2: was the person told, and if not why not. */
export class PersonInformedDto {
  @ApiProperty() @IsBoolean() told!: boolean;
  @ApiPropertyOptional({ enum: NOT_TOLD_REASONS, description: 'R19: needed when not told' })
  @IsOptional()
  @IsIn(NOT_TOLD_REASONS)
  notToldReason?: NotToldReason;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) notToldDetails?: string;
}

/** Golden rule 3: advice sought, and from whom. */
export class AdviceDto {
  @ApiProperty() @IsBoolean() sought!: boolean;
  @ApiPropertyOptional({ enum: ADVICE_SOURCES, description: 'R19: needed when advice was sought' })
  @IsOptional()
  @IsIn(ADVICE_SOURCES)
  from?: AdviceSource;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) name?: string;
}

/** The request the decision answers. */
export class SharingRequestDto {
  @ApiProperty({ description: 'Who asked (agency, role or person)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  from!: string;
  @ApiProperty({ example: '2026-03-02T09:15:00Z' }) @IsInstant() receivedAt!: string;
}

export class RecordInformationSharingDecisionRequestDto extends CommandRequestDto {
  @ApiProperty({ enum: SHARING_DECISIONS }) @IsIn(SHARING_DECISIONS) decision!: SharingDecision;
  @ApiProperty({ description: 'What was shared (or asked for)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  information!: string;

  @ApiProperty({ type: [RecipientDto], description: 'With whom; at least one when sharing' })
  @ValidateIf(
    (dto: RecordInformationSharingDecisionRequestDto) => dto.decision === 'share' || dto.recipients !== undefined,
  )
  @IsArray()
  @ArrayMinSize(1, { message: 'recipients must name at least one recipient when information is shared' })
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RecipientDto)
  recipients!: RecipientDto[];

  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(5000) purpose!: string;
  @ApiProperty({ enum: SHARING_BASES, description: 'With the person’s consent, or without it' })
  @IsIn(SHARING_BASES)
  basis!: SharingBasis;
  @ApiProperty() @IsBoolean() consentSought!: boolean;
  @ApiPropertyOptional({ enum: ['given', 'refused'] }) @IsOptional() @IsIn(['given', 'refused']) consentAnswer?:
    'given' | 'refused';

  @ApiProperty({ enum: DATA_SUBJECTS, isArray: true, description: 'Whose information it is' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(DATA_SUBJECTS.length)
  @IsIn(DATA_SUBJECTS, { each: true })
  dataSubjects!: DataSubject[];
  @ApiProperty({ enum: ARTICLE_6_BASES, description: 'UK GDPR Article 6(1) lawful basis' })
  @IsIn(ARTICLE_6_BASES)
  article6Basis!: Article6Basis;
  @ApiProperty({ description: 'The information includes special-category data (UK GDPR Article 9)' })
  @IsBoolean()
  specialCategoryData!: boolean;
  @ApiPropertyOptional({ enum: ARTICLE_9_CONDITIONS, description: 'UK GDPR Article 9(2) condition' })
  @IsOptional()
  @IsIn(ARTICLE_9_CONDITIONS)
  article9Condition?: Article9Condition;
  @ApiPropertyOptional({ enum: SCHEDULE_1_CONDITIONS, description: 'DPA 2018 Schedule 1 condition' })
  @IsOptional()
  @IsIn(SCHEDULE_1_CONDITIONS)
  schedule1Condition?: Schedule1Condition;
  @ApiProperty({ enum: CONFIDENTIALITY_BASES, description: 'What sets aside the common-law duty of confidence' })
  @IsIn(CONFIDENTIALITY_BASES)
  confidentialityBasis!: ConfidentialityBasis;
  @ApiPropertyOptional({ enum: PUBLIC_INTEREST_GROUNDS })
  @IsOptional()
  @IsIn(PUBLIC_INTEREST_GROUNDS)
  publicInterestGround?: PublicInterestGround;
  @ApiPropertyOptional({ description: 'The judgement that overrode consent or did not seek it' })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  judgement?: string;

  @ApiProperty({ type: PersonInformedDto })
  @IsObject()
  @ValidateNested()
  @Type(() => PersonInformedDto)
  personInformed!: PersonInformedDto;
  @ApiProperty({ type: AdviceDto }) @IsObject() @ValidateNested() @Type(() => AdviceDto) advice!: AdviceDto;
  @ApiPropertyOptional({ type: SharingRequestDto, description: 'The request answered; absent when sharing unasked' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SharingRequestDto)
  request?: SharingRequestDto;

  @ApiPropertyOptional({ type: YoungPersonObjectionDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => YoungPersonObjectionDto)
  youngPersonObjection?: YoungPersonObjectionDto;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(10000) reasons!: string;
}

export class RecordInformationSentRequestDto extends CommandRequestDto {
  @ApiProperty({ example: '2026-03-02T11:00:00Z' }) @IsInstant() sentAt!: string;
  @ApiProperty({ enum: SENDING_METHODS }) @IsIn(SENDING_METHODS) method!: SendingMethod;
  @ApiProperty({ type: [RecipientDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RecipientDto)
  recipients!: RecipientDto[];
  @ApiProperty({ description: 'What was sent' }) @IsString() @IsNotEmpty() @MaxLength(10000) information!: string;
  @ApiPropertyOptional({ description: 'Why an insecure method was used' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  insecureMethodReason?: string;
}
