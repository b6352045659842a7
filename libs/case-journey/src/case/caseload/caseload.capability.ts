import type { Capability } from '../../shared/capability';
import { CaseloadHttpController } from './caseload.http.controller';
import { GetCaseloadHandler } from './get-caseload.query';

export const caseloadCapability: Capability = {
  controllers: [CaseloadHttpController],
  providers: [GetCaseloadHandler],
};
