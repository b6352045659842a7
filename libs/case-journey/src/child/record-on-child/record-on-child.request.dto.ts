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
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DISABILITY_CODES, ETHNICITY_CODES, GENDERS, SEXES, UPN_UNKNOWN_REASONS } from '../../domain/national-codes';
import type { DisabilityCode, EthnicityCode, Gender, Sex, UpnUnknownReason } from '../../domain/national-codes';
import { CommandRequestDto, IsCalendarDate } from '../../shared/http-dto';

const UPN = /^[A-Z]\d{11}[A-Z0-9]$/;

/** The fields a correction changes. Optional fields may be given as null to clear them; names, sex and disabilities cannot be cleared. */
export class ChildDetailsChangesDto {
  @ApiPropertyOptional()
  @ValidateIf((dto: ChildDetailsChangesDto) => dto.givenName !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  givenName?: string;
  @ApiPropertyOptional()
  @ValidateIf((dto: ChildDetailsChangesDto) => dto.familyName !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  familyName?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsCalendarDate() dateOfBirth?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsCalendarDate() expectedDateOfBirth?:
    string | null;
  @ApiPropertyOptional({ enum: SEXES })
  @ValidateIf((dto: ChildDetailsChangesDto) => dto.sex !== undefined)
  @IsIn(SEXES)
  sex?: Sex;
  @ApiPropertyOptional({ enum: GENDERS, nullable: true }) @IsOptional() @IsIn(GENDERS) gender?: Gender | null;
  @ApiPropertyOptional({ enum: ETHNICITY_CODES, nullable: true })
  @IsOptional()
  @IsIn(ETHNICITY_CODES)
  ethnicity?: EthnicityCode | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(60) firstLanguage?:
    string | null;

  @ApiPropertyOptional({ enum: DISABILITY_CODES, isArray: true })
  @ValidateIf((dto: ChildDetailsChangesDto) => dto.disabilities !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(13)
  @IsIn(DISABILITY_CODES, { each: true })
  disabilities?: DisabilityCode[];

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Matches(UPN, { message: 'upn must be a 13-character unique pupil number' })
  upn?: string | null;
  @ApiPropertyOptional({ enum: UPN_UNKNOWN_REASONS, nullable: true })
  @IsOptional()
  @IsIn(UPN_UNKNOWN_REASONS)
  upnUnknownReason?: UpnUnknownReason | null;
}

export class CorrectChildDetailsRequestDto extends CommandRequestDto {
  @ApiProperty({ type: ChildDetailsChangesDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ChildDetailsChangesDto)
  changes!: ChildDetailsChangesDto;
  @ApiProperty({ example: 'Birth certificate seen: the date of birth was mistyped' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class RecordChildDeathRequestDto extends CommandRequestDto {
  @ApiProperty({ example: '2026-02-01' }) @IsCalendarDate() dateOfDeath!: string;
}

export class ParentOrCarerRequestDto extends CommandRequestDto {
  @ApiProperty({ example: 'Sara Khan' }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({ example: 'mother' }) @IsString() @IsNotEmpty() @MaxLength(100) relationship!: string;
  @ApiProperty({ description: 'R44: whether they hold parental responsibility for the child' })
  @IsBoolean()
  parentalResponsibility!: boolean;
  @ApiPropertyOptional({ example: '1990-05-17' }) @IsOptional() @IsCalendarDate() dateOfBirth?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) address?: string;
  @ApiPropertyOptional({ description: 'Phone or email' }) @IsOptional() @IsString() @MaxLength(200) contact?: string;
}

export class ParentOrCarerChangesDto {
  @ApiPropertyOptional()
  @ValidateIf((dto: ParentOrCarerChangesDto) => dto.name !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;
  @ApiPropertyOptional()
  @ValidateIf((dto: ParentOrCarerChangesDto) => dto.relationship !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  relationship?: string;
  @ApiPropertyOptional()
  @ValidateIf((dto: ParentOrCarerChangesDto) => dto.parentalResponsibility !== undefined)
  @IsBoolean()
  parentalResponsibility?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsCalendarDate() dateOfBirth?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(500) address?:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(200) contact?:
    string | null;
}

export class CorrectParentOrCarerRequestDto extends CommandRequestDto {
  @ApiProperty({ type: ParentOrCarerChangesDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ParentOrCarerChangesDto)
  changes!: ParentOrCarerChangesDto;
  @ApiProperty({ example: 'Court order seen: the father does not hold parental responsibility' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class ParentOrCarerRecordedResponseDto {
  @ApiProperty() personId!: string;
  @ApiProperty() revision!: string;
  @ApiProperty() position!: string;
}
