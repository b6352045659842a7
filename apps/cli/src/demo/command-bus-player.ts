import type { Command, CommandBus } from '@nestjs/cqrs';
import {
  AllocateCaseCommand,
  ApplyBragRatingCommand,
  AddTeamAroundFamilyMemberCommand,
  ChangeLeadProfessionalCommand,
  ChangeLevelOfNeedCommand,
  CloseCaseCommand,
  CloseEarlyHelpAssessmentCommand,
  CompleteEarlyHelpAssessmentCommand,
  CompleteSection17AssessmentCommand,
  ConcludeSection47EnquiryCommand,
  ConveneTeamAroundFamilyCommand,
  CorrectEntryCommand,
  DecisionResult,
  EndChildInNeedPlanCommand,
  EndChildProtectionPlanCommand,
  EndKeepInTouchCommand,
  EndSection20AccommodationCommand,
  EscalateFurtherCommand,
  OpenCaseCommand,
  OpenSection17AssessmentCommand,
  OpenSection47EnquiryCommand,
  RaiseEscalationCommand,
  RecordCareOrderStepCommand,
  RecordChildInNeedPlanReviewCommand,
  RecordChildVisitCommand,
  RecordConsentCommand,
  RecordCoreGroupMeetingCommand,
  RecordReviewConferenceCommand,
  RecordInitialChildProtectionConferenceCommand,
  RecordEarlyHelpHubDecisionCommand,
  RecordEscalationDiscussionCommand,
  RecordInformationSentCommand,
  RecordInformationSharingDecisionCommand,
  RecordMashDecisionCommand,
  RecordNeedAndStrengthCommand,
  RecordParentOrCarerCommand,
  commandScopedId,
  RecordReferrerNotifiedCommand,
  RecordStrategyDiscussionCommand,
  RecordTeamAroundFamilyReviewCommand,
  RecordWrittenFollowUpCommand,
  ReopenCaseCommand,
  ResolveEscalationCommand,
  StartChildInNeedPlanCommand,
  StartChildProtectionPlanCommand,
  StartEarlyHelpAssessmentCommand,
  StartKeepInTouchCommand,
  StartSection20AccommodationCommand,
  WithdrawEscalationCommand,
} from '@windscreen/case-journey';
import type { CommandContext } from '@windscreen/case-journey/domain';
import { contextOf, FamilyPlayer, PlayResult, refusalOf } from './play';
import type { CaseStepCommand, DemoFamily, FamilyStepCommand } from './scenario';

/** Every case and family message takes its data (with the stream's id) and the context. */
type MessageClass = new (data: object, context: CommandContext) => Command<DecisionResult>;

/** The bus message of each case command the API's controllers send (their handlers load, decide, append). */
const CASE_MESSAGES = {
  AllocateCase: AllocateCaseCommand,
  ApplyBragRating: ApplyBragRatingCommand,
  CloseCase: CloseCaseCommand,
  CompleteSection17Assessment: CompleteSection17AssessmentCommand,
  ConcludeSection47Enquiry: ConcludeSection47EnquiryCommand,
  CorrectEntry: CorrectEntryCommand,
  EndChildInNeedPlan: EndChildInNeedPlanCommand,
  EndChildProtectionPlan: EndChildProtectionPlanCommand,
  EndSection20Accommodation: EndSection20AccommodationCommand,
  EscalateFurther: EscalateFurtherCommand,
  OpenSection17Assessment: OpenSection17AssessmentCommand,
  OpenSection47Enquiry: OpenSection47EnquiryCommand,
  RaiseEscalation: RaiseEscalationCommand,
  RecordCareOrderStep: RecordCareOrderStepCommand,
  RecordChildInNeedPlanReview: RecordChildInNeedPlanReviewCommand,
  RecordChildVisit: RecordChildVisitCommand,
  RecordConsent: RecordConsentCommand,
  RecordCoreGroupMeeting: RecordCoreGroupMeetingCommand,
  RecordReviewConference: RecordReviewConferenceCommand,
  RecordInitialChildProtectionConference: RecordInitialChildProtectionConferenceCommand,
  RecordEscalationDiscussion: RecordEscalationDiscussionCommand,
  RecordInformationSharingDecision: RecordInformationSharingDecisionCommand,
  RecordInformationSent: RecordInformationSentCommand,
  RecordMashDecision: RecordMashDecisionCommand,
  RecordReferrerNotified: RecordReferrerNotifiedCommand,
  RecordStrategyDiscussion: RecordStrategyDiscussionCommand,
  RecordWrittenFollowUp: RecordWrittenFollowUpCommand,
  ReopenCase: ReopenCaseCommand,
  ResolveEscalation: ResolveEscalationCommand,
  StartChildInNeedPlan: StartChildInNeedPlanCommand,
  StartChildProtectionPlan: StartChildProtectionPlanCommand,
  StartSection20Accommodation: StartSection20AccommodationCommand,
  WithdrawEscalation: WithdrawEscalationCommand,
} satisfies Record<Exclude<CaseStepCommand['type'], 'OpenCase' | 'ChangeLevelOfNeed'>, unknown>;

const FAMILY_MESSAGES = {
  ChangeLeadProfessional: ChangeLeadProfessionalCommand,
  AddTeamAroundFamilyMember: AddTeamAroundFamilyMemberCommand,
  CloseEarlyHelpAssessment: CloseEarlyHelpAssessmentCommand,
  CompleteEarlyHelpAssessment: CompleteEarlyHelpAssessmentCommand,
  ConveneTeamAroundFamily: ConveneTeamAroundFamilyCommand,
  EndKeepInTouch: EndKeepInTouchCommand,
  RecordEarlyHelpHubDecision: RecordEarlyHelpHubDecisionCommand,
  RecordNeedAndStrength: RecordNeedAndStrengthCommand,
  RecordTeamAroundFamilyReview: RecordTeamAroundFamilyReviewCommand,
  StartKeepInTouch: StartKeepInTouchCommand,
} satisfies Record<Exclude<FamilyStepCommand['type'], 'StartEarlyHelpAssessment'>, unknown>;

/**
 * Plays a family through the CommandBus: the same commands, handlers and rules as the API, minus
 * HTTP. The API chooses the case, family and EHA ids; the script refers to children by position.
 */
export class CommandBusPlayer implements FamilyPlayer {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async play(family: DemoFamily): Promise<PlayResult> {
    const result: PlayResult = { commands: 0, events: 0, refused: [] };
    const caseIds: (string | undefined)[] = [];
    const childIds: (string | undefined)[] = [];
    const caseRevisions: bigint[] = [];
    let familyId: string | undefined;
    let familyRevision = -1n;
    for (const step of family.steps) {
      const context = contextOf(step, this.clock());
      const caseId = caseIds[step.child];
      try {
        if (step.stream === 'case' && step.command.type === 'OpenCase') {
          // A contact about a child already recorded names the child; the child's family is theirs.
          const request = step.sameChild
            ? { ...step.command.data, child: undefined, childId: childIds[step.child] }
            : { ...step.command.data, familyId };
          const opened = await this.commandBus.execute(new OpenCaseCommand(request, context));
          caseIds[step.child] = opened.caseId;
          childIds[step.child] = opened.childId;
          caseRevisions[step.child] = opened.revision;
          familyId = opened.familyId;
          familyRevision++; // FamilyRegistered or ChildJoinedFamily
          // CaseOpened, FamilyRegistered or ChildJoinedFamily, and ChildRegistered with CaseLinkedToChild (a known child: CaseLinkedToChild)
          result.events += step.sameChild ? 3 : 4;
        } else if (!caseId || !familyId) {
          throw Object.assign(new Error(`child ${step.child}'s case was never opened`), { code: 'DEMO.NO_CASE' });
        } else if (step.stream === 'child') {
          const childId = childIds[step.child]!;
          await this.commandBus.execute(
            new RecordParentOrCarerCommand(
              { childId, personId: commandScopedId(context, 'parent or carer'), ...step.command.data },
              context,
            ),
          );
          result.events += 1;
        } else if (step.stream === 'case') {
          const decided = await this.commandBus.execute(this.caseMessage(step.command, caseId, context));
          result.events += Number(decided.revision - caseRevisions[step.child]);
          caseRevisions[step.child] = decided.revision;
        } else {
          const decided = await this.commandBus.execute(this.familyMessage(step.command, familyId, caseId, context));
          result.events += Number(decided.revision - familyRevision);
          familyRevision = decided.revision;
        }
        result.commands++;
      } catch (error) {
        result.refused.push(refusalOf(family, step, error));
      }
    }
    return result;
  }

  private caseMessage(command: CaseStepCommand, caseId: string, context: CommandContext): Command<DecisionResult> {
    if (command.type === 'ChangeLevelOfNeed') return new ChangeLevelOfNeedCommand({ ...command.data, caseId }, context);
    if (command.type === 'OpenCase') throw new Error('OpenCase is played on its own');
    const Message = CASE_MESSAGES[command.type] as unknown as MessageClass;
    return new Message({ ...command.data, caseId }, context);
  }

  private familyMessage(
    command: FamilyStepCommand,
    familyId: string,
    caseId: string,
    context: CommandContext,
  ): Command<DecisionResult> {
    if (command.type === 'StartEarlyHelpAssessment')
      return new StartEarlyHelpAssessmentCommand(caseId, command.data.leadProfessional, context);
    const Message = FAMILY_MESSAGES[command.type] as unknown as MessageClass;
    return new Message({ ...command.data, familyId }, context);
  }
}
