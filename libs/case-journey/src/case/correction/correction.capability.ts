import type { Capability } from '../../shared/capability';
import { CorrectEntryHandler } from './correct-entry.command';
import { CorrectionHttpController } from './correction.http.controller';

export const correctionCapability: Capability = {
  controllers: [CorrectionHttpController],
  providers: [CorrectEntryHandler],
};
