import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ABUSE_CATEGORIES, AbuseCategory } from '../child-protection-plan/child-protection-plan.decide';
import { CONFERENCE_DECISIONS, ConferenceDecision } from './initial-conference.decide';
import { CommandRequestDto, IsAttendees, IsCalendarDate, IsInstant } from '../../shared/http-dto';

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
  @IsAttendees()
  attendees!: string[];
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(10000) decision!: string;
  @ApiPropertyOptional({
    description: 'R29: whether it decided on section 47 enquiries (default true); only then is an ICPC due',
  })
  @IsOptional()
  @IsBoolean()
  section47?: boolean;
}

export class RecordInitialConferenceRequestDto extends CommandRequestDto {
  @ApiProperty({
    enum: CONFERENCE_DECISIONS,
    description: 'R24: a child protection plan can start only after a conference that decided on one',
  })
  @IsIn(CONFERENCE_DECISIONS)
  decision!: ConferenceDecision;
  @ApiPropertyOptional({ enum: ABUSE_CATEGORIES, description: 'The category of abuse, when the decision is a plan' })
  @IsOptional()
  @IsIn(ABUSE_CATEGORIES)
  category?: AbuseCategory;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10000) notes?: string;
}
