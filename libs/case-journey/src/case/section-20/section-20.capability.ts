import type { Capability } from '../../shared/capability';
import { EndSection20AccommodationHandler } from './end-section-20-accommodation.command';
import { Section20HttpController } from './section-20.http.controller';
import { StartSection20AccommodationHandler } from './start-section-20-accommodation.command';

export const section20Capability: Capability = {
  controllers: [Section20HttpController],
  providers: [EndSection20AccommodationHandler, StartSection20AccommodationHandler],
};
