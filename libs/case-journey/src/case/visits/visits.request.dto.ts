import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { CommandRequestDto } from '../../shared/http-dto';

export class RecordChildVisitRequestDto extends CommandRequestDto {
  @ApiProperty({ description: 'Whether the child was seen' }) @IsBoolean() seen!: boolean;
  @ApiPropertyOptional({ description: 'Whether the child was seen alone (only when seen)' })
  @IsOptional()
  @IsBoolean()
  seenAlone?: boolean;
  @ApiProperty({ description: 'A statutory visit under a child protection plan' }) @IsBoolean() statutory!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10000) notes?: string;
}
