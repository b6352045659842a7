import type { Capability } from '../../shared/capability';
import { CheckpointsHttpController } from './checkpoints.http.controller';

export const checkpointsCapability: Capability = {
  controllers: [CheckpointsHttpController],
};
