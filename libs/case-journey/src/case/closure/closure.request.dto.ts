import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CommandRequestDto, IsCalendarDate } from '../../shared/http-dto';
import { CLOSURE_REASONS, ClosureReason } from './closure.decide';
import { REFERRAL_SOURCES, ReferralSource } from '../../domain/national-codes';

export class CloseCaseRequestDto extends CommandRequestDto {
  @ApiProperty({ enum: CLOSURE_REASONS, description: 'CIN census reason for closure' })
  @IsIn(CLOSURE_REASONS)
  reason!: ClosureReason;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(10000) summary!: string;
  @ApiPropertyOptional({ description: 'RC2: the date the child died' })
  @IsOptional()
  @IsCalendarDate()
  dateOfDeath?: string;
  @ApiPropertyOptional({ description: 'RC1, RC3, RC4: the court reference of the order' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  courtReference?: string;
}

export class ReopenCaseRequestDto extends CommandRequestDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(10000) reason!: string;
  @ApiPropertyOptional({ enum: REFERRAL_SOURCES, description: 'Who made the new contact (CIN census referral source)' })
  @IsOptional()
  @IsIn(REFERRAL_SOURCES)
  source?: ReferralSource;
}
