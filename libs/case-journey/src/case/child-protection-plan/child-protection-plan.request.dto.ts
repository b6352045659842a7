import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CommandRequestDto, IsAttendees } from '../../shared/http-dto';
import { ABUSE_CATEGORIES, AbuseCategory } from './child-protection-plan.decide';

export class StartChildProtectionPlanRequestDto extends CommandRequestDto {
  @ApiProperty({ enum: ABUSE_CATEGORIES, description: 'Category of abuse' })
  @IsIn(ABUSE_CATEGORIES)
  category!: AbuseCategory;
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 50,
    description: 'Plans the child was subject to that this record does not hold (another authority); default 0',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(50)
  previousPlansElsewhere?: number;
}

export class EndChildProtectionPlanRequestDto extends CommandRequestDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(5000) reason!: string;
}

export class RecordCoreGroupMeetingRequestDto extends CommandRequestDto {
  @ApiProperty({ type: [String] })
  @IsAttendees()
  attendees!: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10000) notes?: string;
}

export class RecordReviewConferenceRequestDto extends CommandRequestDto {
  @ApiProperty({
    enum: ABUSE_CATEGORIES,
    description: 'R31: the category of abuse as the review finds it (the latest is the plan’s)',
  })
  @IsIn(ABUSE_CATEGORIES)
  category!: AbuseCategory;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10000) notes?: string;
}
