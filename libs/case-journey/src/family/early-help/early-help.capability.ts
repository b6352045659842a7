import type { Capability } from '../../shared/capability';
import { ChangeLeadProfessionalHandler } from './change-lead-professional.command';
import { AddTeamAroundFamilyMemberHandler } from './add-team-around-family-member.command';
import { CloseEarlyHelpAssessmentHandler } from './close-early-help-assessment.command';
import { CompleteEarlyHelpAssessmentHandler } from './complete-early-help-assessment.command';
import { ConveneTeamAroundFamilyHandler } from './convene-team-around-family.command';
import { EarlyHelpHttpController } from './early-help.http.controller';
import { EndKeepInTouchHandler } from './end-keep-in-touch.command';
import { RecordEarlyHelpHubDecisionHandler } from './record-early-help-hub-decision.command';
import { RecordNeedAndStrengthHandler } from './record-need-and-strength.command';
import { RecordTeamAroundFamilyReviewHandler } from './record-team-around-family-review.command';
import { StartEarlyHelpAssessmentHandler } from './start-early-help-assessment.command';
import { StartKeepInTouchHandler } from './start-keep-in-touch.command';

export const earlyHelpCapability: Capability = {
  controllers: [EarlyHelpHttpController],
  providers: [
    ChangeLeadProfessionalHandler,
    AddTeamAroundFamilyMemberHandler,
    CloseEarlyHelpAssessmentHandler,
    CompleteEarlyHelpAssessmentHandler,
    ConveneTeamAroundFamilyHandler,
    EndKeepInTouchHandler,
    RecordEarlyHelpHubDecisionHandler,
    RecordNeedAndStrengthHandler,
    RecordTeamAroundFamilyReviewHandler,
    StartEarlyHelpAssessmentHandler,
    StartKeepInTouchHandler,
  ],
};
