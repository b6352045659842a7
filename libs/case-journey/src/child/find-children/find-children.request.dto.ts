import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../shared/http-dto';

export class FindChildrenRequestDto {
  @ApiPropertyOptional({
    example: 'amira khan',
    description: 'Every word must be in the child’s names (case, accents and hyphens ignored)',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: '2015-04-02', description: 'The date of birth, or expected date of birth' })
  @IsOptional()
  @IsCalendarDate()
  dateOfBirth?: string;

  @ApiPropertyOptional({ example: 'C1A2B3C4D5E6F' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  laChildId?: string;

  @ApiPropertyOptional({ description: 'Wait (bounded) until the read model has this position' })
  @IsOptional()
  minPosition?: string;
}

export class LikelyMatchesRequestDto {
  @ApiProperty({ example: 'Amira' }) @IsString() @IsNotEmpty() @MaxLength(100) givenName!: string;
  @ApiProperty({ example: 'Khan' }) @IsString() @IsNotEmpty() @MaxLength(100) familyName!: string;
  @ApiProperty({
    example: '2015-04-02',
    description: 'The date of birth, or the expected date of birth of an unborn child',
  })
  @IsCalendarDate()
  born!: string;
  @ApiPropertyOptional({ description: 'Wait (bounded) until the read model has this position' })
  @IsOptional()
  minPosition?: string;
}
