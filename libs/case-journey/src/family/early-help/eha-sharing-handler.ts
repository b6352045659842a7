import { Injectable } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import { ehaSharingConsentOf } from '../../case/information-sharing/early-help-sharing.decide';
import { streamName } from '../../domain/stream-name';
import { caseAggregate, familyAggregate } from '../../events/aggregates';
import { DecisionResult, DecisionRunner } from '../../shared/decision-runner';
import { FamilyCommandMessage } from '../../shared/family-command';
import { ConveneTeamAroundFamily, FamilyCommand, openEarlyHelpAssessment } from '../family.decider';
import type { AddTeamAroundFamilyMember, ChangeLeadProfessional } from './early-help.decide';

type EhaSharingCommandType = 'ConveneTeamAroundFamily' | 'AddTeamAroundFamilyMember' | 'ChangeLeadProfessional';

/**
 * A family command that shares the EHA with new people (R19): decided on the family's stream with
 * the consent in force on the EHA child's case, read here so that the decision stays pure.
 */
@Injectable()
export abstract class EhaSharingDecisionHandler<T extends EhaSharingCommandType> implements ICommandHandler<
  FamilyCommandMessage<T>,
  DecisionResult
> {
  constructor(private readonly decisions: DecisionRunner) {}

  async execute(message: FamilyCommandMessage<T>): Promise<DecisionResult> {
    const command: ConveneTeamAroundFamily | AddTeamAroundFamilyMember | ChangeLeadProfessional = message.toCommand();
    const stream = streamName.family(command.data.familyId);
    const { state: family } = await this.decisions.loadState(familyAggregate, stream);
    const eha = openEarlyHelpAssessment(family);
    const sharingConsent = eha
      ? ehaSharingConsentOf((await this.decisions.loadState(caseAggregate, streamName.case(eha.caseId))).state)
      : null;
    return this.decisions.runRedecidingOnConflict(familyAggregate, stream, {
      ...command,
      data: { ...command.data, sharingConsent },
    } as FamilyCommand);
  }
}
