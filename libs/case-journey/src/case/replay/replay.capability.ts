import type { Capability } from '../../shared/capability';
import { GetCaseReplayHandler } from './get-case-replay.query';

export const replayCapability: Capability = {
  providers: [GetCaseReplayHandler],
};
