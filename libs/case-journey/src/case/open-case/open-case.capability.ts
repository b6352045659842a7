import type { Capability } from '../../shared/capability';
import { OpenCaseHandler } from './open-case.handler';
import { OpenCaseHttpController } from './open-case.http.controller';

export const openCaseCapability: Capability = {
  controllers: [OpenCaseHttpController],
  providers: [OpenCaseHandler],
};
