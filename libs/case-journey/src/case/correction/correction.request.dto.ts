import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsObject, IsString, IsUUID, MaxLength } from 'class-validator';
import { CommandRequestDto } from '../../shared/http-dto';

export class CorrectEntryRequestDto extends CommandRequestDto {
  @ApiProperty({ description: 'The id of the event being corrected (from the case history)' })
  @IsUUID('all', { message: 'correctsEventId must be the uuid of an entry in the case history' })
  correctsEventId!: string;
  @ApiProperty({
    description: 'Fields of that entry with their corrected values',
    example: { reason: 'Needs met by the school nurse' },
  })
  @IsObject()
  correctedValues!: Record<string, unknown>;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(10000) reason!: string;
}
