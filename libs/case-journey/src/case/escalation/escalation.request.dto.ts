import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CommandRequestDto } from '../../shared/http-dto';
import { ESCALATION_LEVELS, ESCALATION_ROUTES, EscalationLevel, EscalationRoute } from './escalation.decide';

const ROUTES = Object.keys(ESCALATION_ROUTES) as EscalationRoute[];

export class RaiseEscalationRequestDto extends CommandRequestDto {
  @ApiProperty({ enum: ROUTES, description: 'professional disagreement, or a dispute about a MASH decision' })
  @IsIn(ROUTES)
  route!: EscalationRoute;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(10000) concern!: string;
  @ApiProperty({ description: 'The agency whose action or inaction is disputed' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  otherAgency!: string;
  @ApiProperty({ enum: ESCALATION_LEVELS, description: 'The step it starts at' })
  @IsIn(ESCALATION_LEVELS)
  startsAt!: EscalationLevel;
}

export class EscalateFurtherRequestDto extends CommandRequestDto {
  @ApiProperty({ enum: ESCALATION_LEVELS }) @IsIn(ESCALATION_LEVELS) to!: EscalationLevel;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(10000) why!: string;
}

export class EscalationDiscussionRequestDto extends CommandRequestDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(20000) discussion!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10000) agreements?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10000) actions?: string;
}

export class ResolveEscalationRequestDto extends CommandRequestDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(10000) agreement!: string;
}

export class WithdrawEscalationRequestDto extends CommandRequestDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(10000) reason!: string;
}
