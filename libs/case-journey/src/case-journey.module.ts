import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@windscreen/config';
import { ReadYourWritesInterceptor } from '@windscreen/projections';
import { AccessLogInterceptor } from './audit/access-log/access-log.interceptor';
import { AccessLogWriter } from './audit/access-log/access-log.writer';
import { CaseAccess } from './case/access/case-access';
import { CommandAccess, ORGANISATION } from './case/access/command-access';
import { CaseSummaryRow } from './case/get-case/case-summary.entity';
import { CaseReplay } from './case/replay/case-replay';
import type { Organisation } from './domain/organisation';
import type { Capability } from './shared/capability';
import { DecisionRunner } from './shared/decision-runner';
import { reportsCapability } from './reports/reports.capability';
import { caseloadCapability } from './case/caseload/caseload.capability';
import { timelinessCapability } from './case/timeliness/timeliness.capability';
import { allocationCapability } from './case/allocation/allocation.capability';
import { informationSharingAuditCapability } from './audit/information-sharing/information-sharing-audit.capability';
import { accessLogCapability } from './audit/access-log/access-log.capability';
import { chronologyCapability } from './case/chronology/chronology.capability';
import { verifyChainCapability } from './audit/verify-chain/verify-chain.capability';
import { checkpointsCapability } from './audit/checkpoints/checkpoints.capability';
import { changeLevelOfNeedCapability } from './case/change-level-of-need/change-level-of-need.capability';
import { childInNeedPlanCapability } from './case/child-in-need-plan/child-in-need-plan.capability';
import { childProtectionPlanCapability } from './case/child-protection-plan/child-protection-plan.capability';
import { closureCapability } from './case/closure/closure.capability';
import { consentCapability } from './case/consent/consent.capability';
import { correctionCapability } from './case/correction/correction.capability';
import { escalationCapability } from './case/escalation/escalation.capability';
import { getCaseHistoryCapability } from './case/get-case-history/get-case-history.capability';
import { getCaseCapability } from './case/get-case/get-case.capability';
import { informationSharingCapability } from './case/information-sharing/information-sharing.capability';
import { mashCapability } from './case/mash/mash.capability';
import { openCaseCapability } from './case/open-case/open-case.capability';
import { section17Capability } from './case/section-17/section-17.capability';
import { section20Capability } from './case/section-20/section-20.capability';
import { section31Capability } from './case/section-31/section-31.capability';
import { section47Capability } from './case/section-47/section-47.capability';
import { earlyHelpCapability } from './family/early-help/early-help.capability';
import { replayCapability } from './case/replay/replay.capability';
import { findChildrenCapability } from './child/find-children/find-children.capability';
import { recordOnChildCapability } from './child/record-on-child/record-on-child.capability';
import { visitsCapability } from './case/visits/visits.capability';
import { returnsCapability } from './returns/returns.capability';

/** Every capability folder's controllers, handlers and projections: a new folder is one line here. */
const CAPABILITIES: Capability[] = [
  reportsCapability,
  caseloadCapability,
  timelinessCapability,
  allocationCapability,
  informationSharingAuditCapability,
  accessLogCapability,
  chronologyCapability,
  verifyChainCapability,
  checkpointsCapability,
  changeLevelOfNeedCapability,
  childInNeedPlanCapability,
  childProtectionPlanCapability,
  closureCapability,
  consentCapability,
  correctionCapability,
  escalationCapability,
  getCaseHistoryCapability,
  getCaseCapability,
  informationSharingCapability,
  mashCapability,
  openCaseCapability,
  section17Capability,
  section20Capability,
  section31Capability,
  section47Capability,
  earlyHelpCapability,
  replayCapability,
  findChildrenCapability,
  recordOnChildCapability,
  visitsCapability,
  returnsCapability,
];

/** Every projection of the case journey, for the api (inline) and the projector. */
export const CASE_JOURNEY_PROJECTIONS = CAPABILITIES.flatMap((capability) => capability.projections ?? []);

/** Read-model entities, for TypeORM in any process that reads or writes them. */
export const CASE_JOURNEY_ENTITIES = [CaseSummaryRow];

@Module({
  imports: [CqrsModule, TypeOrmModule.forFeature(CASE_JOURNEY_ENTITIES)],
  controllers: CAPABILITIES.flatMap((capability) => capability.controllers ?? []),
  providers: [
    // Shared by every capability: command handling, need-to-know, replay and the access log.
    DecisionRunner,
    { provide: APP_INTERCEPTOR, useClass: AccessLogInterceptor },
    AccessLogWriter,
    CaseReplay,
    CaseAccess,
    CommandAccess,
    ReadYourWritesInterceptor,
    {
      provide: ORGANISATION,
      inject: [APP_CONFIG],
      useFactory: ({ teams, mashTeams }: AppConfig): Organisation => ({ teams, mashTeams }),
    },
    ...CAPABILITIES.flatMap((capability) => capability.providers ?? []),
  ],
})
export class CaseJourneyModule {}
