import type { Capability } from '../../shared/capability';
import { TimelinessHttpController } from './timeliness.http.controller';
import { GetTimelinessHandler } from './get-timeliness.query';

export const timelinessCapability: Capability = {
  controllers: [TimelinessHttpController],
  providers: [GetTimelinessHandler],
};
