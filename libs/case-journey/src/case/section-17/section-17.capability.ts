import type { Capability } from '../../shared/capability';
import { CompleteSection17AssessmentHandler } from './complete-section-17-assessment.command';
import { OpenSection17AssessmentHandler } from './open-section-17-assessment.command';
import { Section17HttpController } from './section-17.http.controller';

export const section17Capability: Capability = {
  controllers: [Section17HttpController],
  providers: [CompleteSection17AssessmentHandler, OpenSection17AssessmentHandler],
};
