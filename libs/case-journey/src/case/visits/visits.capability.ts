import type { Capability } from '../../shared/capability';
import { RecordChildVisitHandler } from './record-child-visit.command';
import { VisitsHttpController } from './visits.http.controller';

export const visitsCapability: Capability = {
  controllers: [VisitsHttpController],
  providers: [RecordChildVisitHandler],
};
