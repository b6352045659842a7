import type { Capability } from '../../shared/capability';
import { ChangeLevelOfNeedHandler } from './change-level-of-need.handler';
import { ChangeLevelOfNeedHttpController } from './change-level-of-need.http.controller';

export const changeLevelOfNeedCapability: Capability = {
  controllers: [ChangeLevelOfNeedHttpController],
  providers: [ChangeLevelOfNeedHandler],
};
