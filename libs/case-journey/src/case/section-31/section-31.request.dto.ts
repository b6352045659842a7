import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CommandRequestDto } from '../../shared/http-dto';
import { CARE_ORDER_STEPS, CareOrderStep } from './section-31.decide';

export class RecordCareOrderStepRequestDto extends CommandRequestDto {
  @ApiProperty({ enum: CARE_ORDER_STEPS }) @IsIn(CARE_ORDER_STEPS) step!: CareOrderStep;
  @ApiProperty({ description: 'R18: the court’s case reference', example: 'PE26C00123' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  courtReference!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) notes?: string;
}
