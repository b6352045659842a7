import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { CurrentActor, RECORDING_ROLES, Roles } from '@windscreen/auth';
import { RequestContext, RequestIds } from '@windscreen/http';
import type { Actor } from '../../domain/actor';
import { commandContext } from '../../shared/command-context.factory';
import { OpenCaseCommand } from './open-case.command';
import { OpenCaseRequestDto, OpenCaseResponseDto } from './open-case.request.dto';

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
  async openCase(@Body() body: OpenCaseRequestDto, @CurrentActor() actor: Actor, @RequestIds() ids: RequestContext | undefined): Promise<OpenCaseResponseDto> {
    const { occurredAt, familyId, ...request } = body;
    // What happened is the contact: unless told otherwise, the case opened when it was received,
    // so a contact typed in later still takes its place at the start of the chronology.
    const result = await this.commandBus.execute(
      new OpenCaseCommand({ ...request, familyId }, commandContext(actor, occurredAt ?? request.contact.receivedAt, ids)),
    );
    return { caseId: result.caseId, familyId: result.familyId, revision: result.revision.toString(), position: result.position.toString() };
  }
}
