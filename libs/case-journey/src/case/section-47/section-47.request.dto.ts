import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CommandRequestDto, IsCalendarDate, IsInstant } from '../../shared/http-dto';

export class OpenSection47EnquiryRequestDto extends CommandRequestDto {
  @ApiProperty({ description: 'R16: the reasonable cause to suspect significant harm' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  reasonableCause!: string;

  @ApiPropertyOptional({ description: 'When the strategy discussion that initiated the enquiry took place' })
  @IsOptional()
  @IsInstant()
  strategyDiscussionAt?: string;
}

export class ConcludeSection47EnquiryRequestDto extends CommandRequestDto {
  @ApiProperty() @IsBoolean() concernsSubstantiated!: boolean;
  @ApiProperty() @IsBoolean() icpcNeeded!: boolean;
  @ApiPropertyOptional({ description: 'Date of the initial child protection conference, when needed' })
  @IsOptional()
  @IsCalendarDate()
  icpcDate?: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(10000) outcome!: string;
}

export class RecordStrategyDiscussionRequestDto extends CommandRequestDto {
  @ApiProperty({ type: [String], example: ['Police: DS Brown', 'Health: Dr Ahmed', 'CSC: J. Smith'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  attendees!: string[];
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(10000) decision!: string;
}
