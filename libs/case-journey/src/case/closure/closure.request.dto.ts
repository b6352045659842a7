import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CommandRequestDto } from '../../shared/http-dto';
import { CLOSURE_REASONS, ClosureReason } from './closure.decide';

export class CloseCaseRequestDto extends CommandRequestDto {
  @ApiProperty({ enum: CLOSURE_REASONS, description: 'CIN census reason for closure' }) @IsIn(CLOSURE_REASONS) reason!: ClosureReason;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(10000) summary!: string;
}

export class ReopenCaseRequestDto extends CommandRequestDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(10000) reason!: string;
}
