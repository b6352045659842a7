import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CommandRequestDto } from '../../shared/http-dto';
import { ABUSE_CATEGORIES, AbuseCategory } from './child-protection-plan.decide';

export class StartChildProtectionPlanRequestDto extends CommandRequestDto {
  @ApiProperty({ enum: ABUSE_CATEGORIES, description: 'Category of abuse' }) @IsIn(ABUSE_CATEGORIES) category!: AbuseCategory;
}

export class EndChildProtectionPlanRequestDto extends CommandRequestDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(5000) reason!: string;
}
