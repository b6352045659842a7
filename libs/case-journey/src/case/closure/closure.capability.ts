import type { Capability } from '../../shared/capability';
import { CloseCaseHandler } from './close-case.command';
import { ClosureHttpController } from './closure.http.controller';
import { ReopenCaseHandler } from './reopen-case.command';

export const closureCapability: Capability = {
  controllers: [ClosureHttpController],
  providers: [CloseCaseHandler, ReopenCaseHandler],
};
