import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CommandRequestDto } from '../../shared/http-dto';
import { SECTION_20_ENDINGS, Section20Ending } from './section-20.decide';

export class StartSection20AccommodationRequestDto extends CommandRequestDto {
  @ApiProperty({ example: 'Foster placement, Peterborough' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  placement!: string;
}

export class EndSection20AccommodationRequestDto extends CommandRequestDto {
  @ApiProperty({ enum: SECTION_20_ENDINGS }) @IsIn(SECTION_20_ENDINGS) ending!: Section20Ending;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) notes?: string;
}
