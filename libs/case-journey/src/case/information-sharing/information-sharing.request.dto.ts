import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { CommandRequestDto } from '../../shared/http-dto';
import {
  LAWFUL_BASES_WITHOUT_CONSENT,
  LawfulBasisWithoutConsent,
  SHARING_BASES,
  SHARING_DECISIONS,
  SharingBasis,
  SharingDecision,
} from './information-sharing.decide';

export class RecipientDto {
  @ApiProperty({ example: 'Cambridgeshire Constabulary' }) @IsString() @IsNotEmpty() @MaxLength(200) agency!: string;
  @ApiPropertyOptional({ example: 'Child abuse investigation unit' }) @IsOptional() @IsString() @MaxLength(200) role?: string;
  @ApiPropertyOptional({ example: 'DS Brown' }) @IsOptional() @IsString() @MaxLength(200) name?: string;
}

export class YoungPersonObjectionDto {
  @ApiProperty() @IsBoolean() overridden!: boolean;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(5000) why!: string;
}

export class RecordInformationSharingDecisionRequestDto extends CommandRequestDto {
  @ApiProperty({ enum: SHARING_DECISIONS }) @IsIn(SHARING_DECISIONS) decision!: SharingDecision;
  @ApiProperty({ description: 'What was shared (or asked for)' }) @IsString() @IsNotEmpty() @MaxLength(10000) information!: string;

  @ApiProperty({ type: [RecipientDto], description: 'With whom; at least one when sharing' })
  @ValidateIf((dto: RecordInformationSharingDecisionRequestDto) => dto.decision === 'share' || dto.recipients !== undefined)
  @IsArray()
  @ArrayMinSize(1, { message: 'recipients must name at least one recipient when information is shared' })
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RecipientDto)
  recipients!: RecipientDto[];

  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(5000) purpose!: string;
  @ApiProperty({ enum: SHARING_BASES }) @IsIn(SHARING_BASES) basis!: SharingBasis;
  @ApiProperty() @IsBoolean() consentSought!: boolean;
  @ApiPropertyOptional({ enum: ['given', 'refused'] }) @IsOptional() @IsIn(['given', 'refused']) consentAnswer?: 'given' | 'refused';
  @ApiPropertyOptional({ enum: LAWFUL_BASES_WITHOUT_CONSENT }) @IsOptional() @IsIn(LAWFUL_BASES_WITHOUT_CONSENT) lawfulBasis?: LawfulBasisWithoutConsent;
  @ApiPropertyOptional({ description: 'The judgement that overrode consent or did not seek it' })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  judgement?: string;
  @ApiPropertyOptional({ type: YoungPersonObjectionDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => YoungPersonObjectionDto)
  youngPersonObjection?: YoungPersonObjectionDto;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(10000) reasons!: string;
}
