import type { Capability } from '../../shared/capability';
import { EscalateFurtherHandler } from './escalate-further.command';
import { EscalationHttpController } from './escalation.http.controller';
import { RaiseEscalationHandler } from './raise-escalation.command';
import { GetOpenEscalationsHandler } from './get-open-escalations.query';
import { RecordEscalationDiscussionHandler } from './record-escalation-discussion.command';
import { ResolveEscalationHandler } from './resolve-escalation.command';
import { WithdrawEscalationHandler } from './withdraw-escalation.command';

export const escalationCapability: Capability = {
  controllers: [EscalationHttpController],
  providers: [
    EscalateFurtherHandler,
    RaiseEscalationHandler,
    GetOpenEscalationsHandler,
    RecordEscalationDiscussionHandler,
    ResolveEscalationHandler,
    WithdrawEscalationHandler,
  ],
};
