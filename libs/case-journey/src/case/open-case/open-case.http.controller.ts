import { Body, Controller, Post, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { RECORDING_ROLES, Roles } from '@windscreen/auth';
import type { CommandContext } from '../../domain/command';
import { CommandContextOf } from '../../shared/command-context.decorator';
import { casesShown, LogsCaseListAccess } from '../../audit/access-log/access-log.interceptor';
import {
  FindLikelyMatchesQuery,
  LaChildIdInUseQuery,
  LikelyMatches,
} from '../../child/find-children/find-children.query';
import { RuleViolation } from '../../domain/domain-error';
import { OpenCaseCommand } from './open-case.command';
import { OpenCaseRequestDto, OpenCaseResponseDto } from './open-case.request.dto';

/**
 * What happened is the contact: unless told otherwise, the case opened when it was received, so a
 * contact typed in later still takes its place at the start of the chronology.
 */
function contactReceivedAt(body: Record<string, unknown>): unknown {
  return (body.contact as { receivedAt?: unknown } | undefined)?.receivedAt;
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class OpenCaseHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post()
  @Roles(...RECORDING_ROLES)
  // The likely matches in the answer show other children's records: the look is logged, when there is one
  // (most new contacts match nobody, and a row each would be a commit more to wait for).
  @LogsCaseListAccess('contact-likely-matches', { onlyWhenShown: true })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Retry safely: the same key returns the first result',
  })
  @ApiCreatedResponse({ type: OpenCaseResponseDto, description: 'The contact is recorded as a new case (CaseOpened)' })
  @ApiConflictResponse({
    description:
      'Refused by a rule (e.g. R9: a professional cannot refer anonymously; R40: the named child has an open case)',
  })
  async openCase(
    @Body() body: OpenCaseRequestDto,
    @CommandContextOf(contactReceivedAt) context: CommandContext,
    @Req() httpRequest: object,
  ): Promise<OpenCaseResponseDto> {
    const { occurredAt, ...request } = body;
    if (
      request.laChildId &&
      !request.childId &&
      (await this.queryBus.execute(new LaChildIdInUseQuery(request.laChildId)))
    ) {
      throw new RuleViolation(
        'R41',
        'CHILD.LA_CHILD_ID_TAKEN',
        `LA child id ${request.laChildId} is another child’s`,
        'Find that child (GET /children?laChildId=) and record the contact about them, or give the right id',
      );
    }
    const result = await this.commandBus.execute(new OpenCaseCommand(request, context));
    // R42: a new child may be one already recorded; the worker is shown who, to link the contact instead.
    const matches: LikelyMatches =
      result.childRegistered && body.child
        ? await this.queryBus.execute(new FindLikelyMatchesQuery(context.actor, body.child, result.childId))
        : { likelyMatches: [], likelyMatchesNotShown: 0 };
    casesShown(
      httpRequest,
      matches.likelyMatches.flatMap((match) => match.caseIds),
    );
    return {
      caseId: result.caseId,
      familyId: result.familyId,
      childId: result.childId,
      laChildId: result.laChildId,
      ...matches,
      revision: result.revision.toString(),
      position: result.position.toString(),
    };
  }
}
