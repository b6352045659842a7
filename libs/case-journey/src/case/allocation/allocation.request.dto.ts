import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNotEmpty, IsObject, IsString, MaxLength, ValidateNested } from 'class-validator';
import { CommandRequestDto } from '../../shared/http-dto';

export class AllocatedWorkerDto {
  @ApiProperty({ description: 'The worker’s user id (the subject of their token)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  id!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
}

export class AllocateCaseRequestDto extends CommandRequestDto {
  @ApiProperty({ type: AllocatedWorkerDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AllocatedWorkerDto)
  worker!: AllocatedWorkerDto;
  @ApiProperty({ description: 'The team that holds the case from now on' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  team!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(10000) reason!: string;
}
