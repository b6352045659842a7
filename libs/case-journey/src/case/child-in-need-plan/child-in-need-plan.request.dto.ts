import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CommandRequestDto } from '../../shared/http-dto';

export class EndChildInNeedPlanRequestDto extends CommandRequestDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(5000) reason!: string;
}

export class RecordChildInNeedPlanReviewRequestDto extends CommandRequestDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(10000) progress!: string;
}
