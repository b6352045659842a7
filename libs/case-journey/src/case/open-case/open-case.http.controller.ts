import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { RECORDING_ROLES, Roles } from '@windscreen/auth';
import type { CommandContext } from '../../domain/command';
import { CommandContextOf } from '../../shared/command-context.decorator';
import { OpenCaseCommand } from './open-case.command';
import { OpenCaseRequestDto, OpenCaseResponseDto } from './open-case.request.dto';

/**
 * What happened is the contact: unless told otherwise, the case opened when it was received, so a
 * contact typed in later still takes its place at the start of the chronology.
 */
const contactReceivedAt = (body: Record<string, unknown>) => (body.contact as { receivedAt?: unknown } | undefined)?.receivedAt;

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class OpenCaseHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...RECORDING_ROLES)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry safely: the same key returns the first result' })
  @ApiCreatedResponse({ type: OpenCaseResponseDto, description: 'The contact is recorded as a new case (CaseOpened)' })
  @ApiConflictResponse({ description: 'Refused by a rule (e.g. R9: a professional cannot refer anonymously)' })
  async openCase(@Body() body: OpenCaseRequestDto, @CommandContextOf(contactReceivedAt) context: CommandContext): Promise<OpenCaseResponseDto> {
    const { occurredAt, familyId, ...request } = body;
    const result = await this.commandBus.execute(new OpenCaseCommand({ ...request, familyId }, context));
    return { caseId: result.caseId, familyId: result.familyId, revision: result.revision.toString(), position: result.position.toString() };
  }
}
