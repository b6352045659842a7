import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsDateOrInstant } from '../../shared/http-dto';

export class AccessLogRequestDto {
  @ApiProperty() @IsUUID('all', { message: 'caseId must be a uuid' }) caseId!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) actorId?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateOrInstant() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateOrInstant() to?: string;
  @ApiPropertyOptional({ default: 500, maximum: 5000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  limit?: number;
}
