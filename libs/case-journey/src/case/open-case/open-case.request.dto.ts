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
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  AREAS,
  CONTACT_ROUTES,
  DISABILITY_CODES,
  ETHNICITY_CODES,
  GENDERS,
  REFERRAL_SOURCES,
  SEXES,
  UPN_UNKNOWN_REASONS,
} from '../../domain/national-codes';
import type {
  Area,
  ContactRoute,
  DisabilityCode,
  EthnicityCode,
  Gender,
  ReferralSource,
  Sex,
  UpnUnknownReason,
} from '../../domain/national-codes';
import type { LikelyMatches } from '../../child/find-children/find-children.query';
import { CommandRequestDto, IsInstant } from '../../shared/http-dto';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export class ChildRequestDto {
  @ApiProperty({ example: 'Amira' }) @IsString() @IsNotEmpty() @MaxLength(100) givenName!: string;
  @ApiProperty({ example: 'Khan' }) @IsString() @IsNotEmpty() @MaxLength(100) familyName!: string;

  @ApiPropertyOptional({ example: '2015-04-02', description: 'Required unless the child is unborn' })
  @ValidateIf((child: ChildRequestDto) => child.expectedDateOfBirth === undefined || child.dateOfBirth !== undefined)
  @Matches(DATE_ONLY, {
    message: 'dateOfBirth must be a date YYYY-MM-DD (or give expectedDateOfBirth for an unborn child)',
  })
  @IsISO8601({ strict: true }, { message: 'dateOfBirth must be a real calendar date' })
  dateOfBirth?: string;

  @ApiPropertyOptional({ example: '2026-09-01', description: 'For an unborn child, instead of dateOfBirth' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'expectedDateOfBirth must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'expectedDateOfBirth must be a real calendar date' })
  expectedDateOfBirth?: string;

  @ApiProperty({ enum: SEXES }) @IsIn(SEXES) sex!: Sex;

  @ApiPropertyOptional({ enum: GENDERS, description: 'The census’s GenderCurrent when recorded apart from sex' })
  @IsOptional()
  @IsIn(GENDERS)
  gender?: Gender;

  @ApiPropertyOptional({ enum: ETHNICITY_CODES, description: 'CIN census ethnicity code' })
  @IsOptional()
  @IsIn(ETHNICITY_CODES)
  ethnicity?: EthnicityCode;

  @ApiPropertyOptional({ example: 'English' }) @IsOptional() @IsString() @MaxLength(60) firstLanguage?: string;

  @ApiProperty({ enum: DISABILITY_CODES, isArray: true, example: ['NONE'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(13)
  @IsIn(DISABILITY_CODES, { each: true })
  disabilities!: DisabilityCode[];

  @ApiPropertyOptional({ description: 'Unique pupil number, when known' })
  @IsOptional()
  @Matches(/^[A-Z]\d{11}[A-Z0-9]$/, { message: 'upn must be a 13-character unique pupil number' })
  upn?: string;

  @ApiPropertyOptional({
    enum: UPN_UNKNOWN_REASONS,
    description: 'Why there is no UPN (census UPNunknown); not with upn',
  })
  @IsOptional()
  @IsIn(UPN_UNKNOWN_REASONS)
  upnUnknownReason?: UpnUnknownReason;
}

export class ReferrerRequestDto {
  @ApiPropertyOptional({ example: 'R. Patel' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ example: 'Northfield Primary School' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  agency?: string;
  @ApiProperty({ description: 'R9: only members of the public may stay anonymous' }) @IsBoolean() anonymous!: boolean;
}

export class ContactRequestDto {
  @ApiProperty({ example: '2026-03-02T09:15:00Z' })
  @IsInstant()
  receivedAt!: string;

  @ApiProperty({ enum: CONTACT_ROUTES }) @IsIn(CONTACT_ROUTES) route!: ContactRoute;

  @ApiProperty({ enum: REFERRAL_SOURCES, description: 'CIN census referral source code' })
  @IsIn(REFERRAL_SOURCES)
  source!: ReferralSource;

  @ApiProperty({ type: ReferrerRequestDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ReferrerRequestDto)
  referrer!: ReferrerRequestDto;

  @ApiPropertyOptional({
    description:
      'R33: a telephone contact about child protection concerns: the MASH decides on the risk level within one hour',
  })
  @IsOptional()
  @IsBoolean()
  childProtectionConcerns?: boolean;
}

export class OpenCaseRequestDto extends CommandRequestDto {
  @ApiPropertyOptional({
    type: ChildRequestDto,
    description: 'A new child (registered with the contact); not with childId',
  })
  @ValidateIf((dto: OpenCaseRequestDto) => dto.childId === undefined || dto.child !== undefined)
  @IsObject({ message: 'child must be given, unless childId names a child already recorded' })
  @ValidateNested()
  @Type(() => ChildRequestDto)
  child?: ChildRequestDto;

  @ApiPropertyOptional({
    description:
      'A child already recorded (e.g. a likely match): the contact is about them, in their family (R40: one open case per child)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'childId must be a uuid' })
  childId?: string;

  @ApiPropertyOptional({
    description:
      'A new child’s local authority child id, when the authority has one already; else made in LA_CHILD_ID_FORMAT',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,20}$/, { message: 'laChildId must be 1-20 letters, digits or hyphens' })
  laChildId?: string;

  @ApiPropertyOptional({
    description: 'Join an existing family; a new family is created when absent (a named child’s family is theirs)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'familyId must be a uuid' })
  familyId?: string;

  @ApiProperty({ enum: AREAS }) @IsIn(AREAS) area!: Area;

  @ApiProperty({ type: ContactRequestDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ContactRequestDto)
  contact!: ContactRequestDto;

  @ApiProperty({ example: 'Teacher reports bruising and a change in behaviour' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  concerns!: string;
}

export class OpenCaseResponseDto {
  @ApiProperty() caseId!: string;
  @ApiProperty() familyId!: string;
  @ApiProperty() childId!: string;
  @ApiProperty() laChildId!: string;
  @ApiProperty({
    description:
      'R42: for a new child, children already recorded who are likely the same child (the caller may know them); link the contact to one of them by opening it with childId',
  })
  likelyMatches!: LikelyMatches['likelyMatches'];
  @ApiProperty({ description: 'Likely matches among children the caller may not know: counted, never named' })
  likelyMatchesNotShown!: number;
  @ApiProperty() revision!: string;
  @ApiProperty() position!: string;
}
