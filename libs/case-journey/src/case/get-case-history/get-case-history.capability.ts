import type { Capability } from '../../shared/capability';
import { GetCaseHistoryHandler } from './get-case-history.handler';
import { GetCaseHistoryHttpController } from './get-case-history.http.controller';

export const getCaseHistoryCapability: Capability = {
  controllers: [GetCaseHistoryHttpController],
  providers: [GetCaseHistoryHandler],
};
