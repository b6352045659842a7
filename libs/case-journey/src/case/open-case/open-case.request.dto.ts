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
  REFERRAL_SOURCES,
  SEXES,
} from '../../domain/national-codes';
import type { Area, ContactRoute, DisabilityCode, EthnicityCode, ReferralSource, Sex } from '../../domain/national-codes';
import { CommandRequestDto, IsInstant } from '../../shared/http-dto';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export class ChildRequestDto {
  @ApiProperty({ example: 'Amira' }) @IsString() @IsNotEmpty() @MaxLength(100) givenName!: string;
  @ApiProperty({ example: 'Khan' }) @IsString() @IsNotEmpty() @MaxLength(100) familyName!: string;

  @ApiPropertyOptional({ example: '2015-04-02', description: 'Required unless the child is unborn' })
  @ValidateIf((child: ChildRequestDto) => child.expectedDateOfBirth === undefined || child.dateOfBirth !== undefined)
  @Matches(DATE_ONLY, { message: 'dateOfBirth must be a date YYYY-MM-DD (or give expectedDateOfBirth for an unborn child)' })
  @IsISO8601({ strict: true }, { message: 'dateOfBirth must be a real calendar date' })
  dateOfBirth?: string;

  @ApiPropertyOptional({ example: '2026-09-01', description: 'For an unborn child, instead of dateOfBirth' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'expectedDateOfBirth must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'expectedDateOfBirth must be a real calendar date' })
  expectedDateOfBirth?: string;

  @ApiProperty({ enum: SEXES }) @IsIn(SEXES) sex!: Sex;

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
}

export class ReferrerRequestDto {
  @ApiPropertyOptional({ example: 'R. Patel' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ example: 'Northfield Primary School' }) @IsOptional() @IsString() @MaxLength(200) agency?: string;
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

  @ApiProperty({ type: ReferrerRequestDto }) @IsObject() @ValidateNested() @Type(() => ReferrerRequestDto) referrer!: ReferrerRequestDto;

  @ApiPropertyOptional({ description: 'R33: a telephone contact about child protection concerns: the MASH decides on the risk level within one hour' })
  @IsOptional()
  @IsBoolean()
  childProtectionConcerns?: boolean;
}

export class OpenCaseRequestDto extends CommandRequestDto {
  @ApiProperty({ type: ChildRequestDto }) @IsObject() @ValidateNested() @Type(() => ChildRequestDto) child!: ChildRequestDto;

  @ApiPropertyOptional({ description: 'Join an existing family; a new family is created when absent' })
  @IsOptional()
  @IsUUID('all', { message: 'familyId must be a uuid' })
  familyId?: string;

  @ApiProperty({ enum: AREAS }) @IsIn(AREAS) area!: Area;

  @ApiProperty({ type: ContactRequestDto }) @IsObject() @ValidateNested() @Type(() => ContactRequestDto) contact!: ContactRequestDto;

  @ApiProperty({ example: 'Teacher reports bruising and a change in behaviour' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  concerns!: string;
}

export class OpenCaseResponseDto {
  @ApiProperty() caseId!: string;
  @ApiProperty() familyId!: string;
  @ApiProperty() revision!: string;
  @ApiProperty() position!: string;
}
