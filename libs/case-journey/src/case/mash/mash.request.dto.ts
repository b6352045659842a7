import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CommandRequestDto } from '../../shared/http-dto';
import { BRAG_RATINGS, BragRating, MASH_OUTCOMES, MashOutcome } from './mash.decide';

export class ApplyBragRatingRequestDto extends CommandRequestDto {
  @ApiProperty({ enum: BRAG_RATINGS, description: 'R11: red 4 h, amber 6 h, green 24 h, blue no MASH response' })
  @IsIn(BRAG_RATINGS)
  rating!: BragRating;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(5000) rationale!: string;
}

export class RecordWrittenFollowUpRequestDto extends CommandRequestDto {}

export class RecordMashDecisionRequestDto extends CommandRequestDto {
  @ApiProperty({
    enum: MASH_OUTCOMES,
    description: 'R12: where the MASH passes the contact; the matching next step opens with it',
  })
  @IsIn(MASH_OUTCOMES)
  outcome!: MashOutcome;
  @ApiProperty({ description: 'The reasons; for a section 47, the reasonable cause (R16)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  rationale!: string;
  @ApiPropertyOptional({ description: 'Required for specific_provision, e.g. disability services' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  provisionName?: string;
}

export class RecordReferrerNotifiedRequestDto extends CommandRequestDto {
  @ApiProperty({ example: 'Telephone call to the designated safeguarding lead' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  how!: string;
}
