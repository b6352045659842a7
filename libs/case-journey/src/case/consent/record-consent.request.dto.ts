import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CommandRequestDto } from '../../shared/http-dto';
import {
  CONSENT_DECISIONS,
  CONSENT_GIVERS,
  CONSENT_SCOPES,
  ConsentDecision,
  ConsentGiver,
  ConsentScope,
} from './consent.decide';

export class RecordConsentRequestDto extends CommandRequestDto {
  @ApiProperty({ enum: CONSENT_SCOPES }) @IsIn(CONSENT_SCOPES) scope!: ConsentScope;
  @ApiProperty({ enum: CONSENT_GIVERS }) @IsIn(CONSENT_GIVERS) givenBy!: ConsentGiver;
  @ApiPropertyOptional({ description: 'Required true when givenBy is young_person', default: false })
  @IsOptional()
  @IsBoolean()
  gillickCompetent?: boolean;
  @ApiProperty({ enum: CONSENT_DECISIONS }) @IsIn(CONSENT_DECISIONS) decision!: ConsentDecision;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) notes?: string;
}
