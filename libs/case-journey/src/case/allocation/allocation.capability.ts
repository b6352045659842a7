import type { Capability } from '../../shared/capability';
import { AllocateCaseHandler } from './allocate-case.command';
import { AllocationHttpController } from './allocation.http.controller';

export const allocationCapability: Capability = {
  controllers: [AllocationHttpController],
  providers: [AllocateCaseHandler],
};
