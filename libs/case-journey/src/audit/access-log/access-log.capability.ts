import type { Capability } from '../../shared/capability';
import { GetAccessLogHttpController } from './get-access-log.http.controller';
import { GetAccessLogHandler } from './get-access-log.query';

export const accessLogCapability: Capability = {
  controllers: [GetAccessLogHttpController],
  providers: [GetAccessLogHandler],
};
