import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { RECORDING_ROLES, Roles } from '@windscreen/auth';
import { uuidParam } from '../../shared/case-id.pipe';
import type { CommandContext } from '../../domain/command';
import { CommandContextOf } from '../../shared/command-context.decorator';
import { commandResponse, CommandResponseDto } from '../../shared/http-dto';
import type { Professional } from '../family.decider';
import { ConveneTeamAroundFamilyCommand } from './convene-team-around-family.command';
import {
  AddTeamAroundFamilyMemberRequestDto,
  ChangeLeadProfessionalRequestDto,
  CloseEarlyHelpAssessmentRequestDto,
  CompleteEarlyHelpAssessmentRequestDto,
  EndKeepInTouchRequestDto,
  RecordEarlyHelpHubDecisionRequestDto,
  RecordNeedAndStrengthRequestDto,
  RecordTeamAroundFamilyReviewRequestDto,
  StartKeepInTouchRequestDto,
  ConveneTeamAroundFamilyRequestDto,
  EarlyHelpAssessmentStartedDto,
  ProfessionalDto,
  StartEarlyHelpAssessmentRequestDto,
} from './early-help.request.dto';
import { StartEarlyHelpAssessmentCommand } from './start-early-help-assessment.command';
import { ChangeLeadProfessionalCommand } from './change-lead-professional.command';
import { AddTeamAroundFamilyMemberCommand } from './add-team-around-family-member.command';
import { CloseEarlyHelpAssessmentCommand } from './close-early-help-assessment.command';
import { CompleteEarlyHelpAssessmentCommand } from './complete-early-help-assessment.command';
import { EndKeepInTouchCommand } from './end-keep-in-touch.command';
import { RecordEarlyHelpHubDecisionCommand } from './record-early-help-hub-decision.command';
import { RecordNeedAndStrengthCommand } from './record-need-and-strength.command';
import { RecordTeamAroundFamilyReviewCommand } from './record-team-around-family-review.command';
import { StartKeepInTouchCommand } from './start-keep-in-touch.command';

const professional = ({ name, agency, role, contact, userId }: ProfessionalDto): Professional => ({
  name,
  agency,
  ...(role && { role }),
  ...(contact && { contact }),
  ...(userId && { userId }),
});

@ApiTags('early help')
@ApiBearerAuth()
@Controller()
export class EarlyHelpHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('cases/:caseId/early-help-assessment')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({
    type: EarlyHelpAssessmentStartedDto,
    description: 'EarlyHelpAssessmentStarted on the child’s family',
  })
  @ApiConflictResponse({
    description:
      'R1: no early help consent; R2: the family has an open EHA (the body names it and its lead professional)',
  })
  async start(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: StartEarlyHelpAssessmentRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<EarlyHelpAssessmentStartedDto> {
    const result = await this.commandBus.execute(
      new StartEarlyHelpAssessmentCommand(caseId, professional(body.leadProfessional), context),
    );
    return { ehaId: result.ehaId, familyId: result.familyId, ...commandResponse(result) };
  }

  @Post('families/:familyId/team-around-the-family')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description:
      'TeamAroundFamilyConvened, and R19: EarlyHelpAssessmentShared with its members, with the consent in force',
  })
  @ApiConflictResponse({ description: 'R3: the family has no open EHA, or a team is already convened' })
  async convene(
    @Param('familyId', uuidParam('familyId')) familyId: string,
    @Body() body: ConveneTeamAroundFamilyRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    return commandResponse(
      await this.commandBus.execute(
        new ConveneTeamAroundFamilyCommand(
          {
            familyId,
            kind: body.kind,
            leadProfessional: professional(body.leadProfessional),
            members: body.members.map(professional),
            firstReviewDate: body.firstReviewDate,
          },
          context,
        ),
      ),
    );
  }

  @Post('families/:familyId/team-around-the-family/members')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description:
      'TeamAroundFamilyMemberJoined, and R19: EarlyHelpAssessmentShared with the new member, with the consent in force',
  })
  @ApiConflictResponse({
    description: 'R3: the family has no open EHA or no team, or the professional is already in it',
  })
  async addMember(
    @Param('familyId', uuidParam('familyId')) familyId: string,
    @Body() body: AddTeamAroundFamilyMemberRequestDto,
    @CommandContextOf() context: CommandContext,
  ): Promise<CommandResponseDto> {
    return commandResponse(
      await this.commandBus.execute(
        new AddTeamAroundFamilyMemberCommand({ familyId, member: professional(body.member) }, context),
      ),
    );
  }

  @Post('families/:familyId/early-help-assessment/need-and-strength')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'R4: NeedAndStrengthRecorded on the open EHA' })
  async needAndStrength(
    @Param('familyId', uuidParam('familyId')) familyId: string,
    @Body() body: RecordNeedAndStrengthRequestDto,
    @CommandContextOf() context: CommandContext,
  ) {
    const { occurredAt, ...data } = body;
    return commandResponse(
      await this.commandBus.execute(new RecordNeedAndStrengthCommand({ familyId, ...data }, context)),
    );
  }

  @Post('families/:familyId/early-help-assessment/completion')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description: 'EarlyHelpAssessmentCompleted (needs need and strength, R4)',
  })
  async complete(
    @Param('familyId', uuidParam('familyId')) familyId: string,
    @Body() body: CompleteEarlyHelpAssessmentRequestDto,
    @CommandContextOf() context: CommandContext,
  ) {
    return commandResponse(
      await this.commandBus.execute(
        new CompleteEarlyHelpAssessmentCommand({ familyId, summary: body.summary }, context),
      ),
    );
  }

  @Post('families/:familyId/early-help-assessment/closure')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description: 'EarlyHelpAssessmentClosed with its outcome; the family may then have another (R2)',
  })
  async closeEha(
    @Param('familyId', uuidParam('familyId')) familyId: string,
    @Body() body: CloseEarlyHelpAssessmentRequestDto,
    @CommandContextOf() context: CommandContext,
  ) {
    const { occurredAt, ...data } = body;
    return commandResponse(
      await this.commandBus.execute(new CloseEarlyHelpAssessmentCommand({ familyId, ...data }, context)),
    );
  }

  @Post('families/:familyId/team-around-the-family/reviews')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'TeamAroundFamilyReviewed, with the next review date' })
  async review(
    @Param('familyId', uuidParam('familyId')) familyId: string,
    @Body() body: RecordTeamAroundFamilyReviewRequestDto,
    @CommandContextOf() context: CommandContext,
  ) {
    const { occurredAt, ...data } = body;
    return commandResponse(
      await this.commandBus.execute(new RecordTeamAroundFamilyReviewCommand({ familyId, ...data }, context)),
    );
  }

  @Post('families/:familyId/lead-professional')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description: 'LeadProfessionalChanged, and R19: EarlyHelpAssessmentShared with the new lead professional',
  })
  async changeLead(
    @Param('familyId', uuidParam('familyId')) familyId: string,
    @Body() body: ChangeLeadProfessionalRequestDto,
    @CommandContextOf() context: CommandContext,
  ) {
    return commandResponse(
      await this.commandBus.execute(
        new ChangeLeadProfessionalCommand(
          { familyId, leadProfessional: professional(body.leadProfessional), reason: body.reason },
          context,
        ),
      ),
    );
  }

  @Post('families/:familyId/early-help-hub-decision')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({
    type: CommandResponseDto,
    description: 'R14: EarlyHelpHubDecisionRecorded on the completed EHA',
  })
  async hubDecision(
    @Param('familyId', uuidParam('familyId')) familyId: string,
    @Body() body: RecordEarlyHelpHubDecisionRequestDto,
    @CommandContextOf() context: CommandContext,
  ) {
    const { occurredAt, ...data } = body;
    return commandResponse(
      await this.commandBus.execute(new RecordEarlyHelpHubDecisionCommand({ familyId, ...data }, context)),
    );
  }

  @Post('families/:familyId/keep-in-touch')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'R5: KeepInTouchStarted' })
  @ApiConflictResponse({ description: 'R5: the child is judged at risk of significant harm' })
  async startKeepInTouch(
    @Param('familyId', uuidParam('familyId')) familyId: string,
    @Body() body: StartKeepInTouchRequestDto,
    @CommandContextOf() context: CommandContext,
  ) {
    const { occurredAt, ...data } = body;
    return commandResponse(await this.commandBus.execute(new StartKeepInTouchCommand({ familyId, ...data }, context)));
  }

  @Post('families/:familyId/keep-in-touch/end')
  @Roles(...RECORDING_ROLES)
  @ApiCreatedResponse({ type: CommandResponseDto, description: 'KeepInTouchEnded' })
  async endKeepInTouch(
    @Param('familyId', uuidParam('familyId')) familyId: string,
    @Body() body: EndKeepInTouchRequestDto,
    @CommandContextOf() context: CommandContext,
  ) {
    return commandResponse(
      await this.commandBus.execute(new EndKeepInTouchCommand({ familyId, reason: body.reason }, context)),
    );
  }
}
