import type { Capability } from '../../shared/capability';
import { RecordCareOrderStepHandler } from './record-care-order-step.command';
import { Section31HttpController } from './section-31.http.controller';

export const section31Capability: Capability = {
  controllers: [Section31HttpController],
  providers: [RecordCareOrderStepHandler],
};
