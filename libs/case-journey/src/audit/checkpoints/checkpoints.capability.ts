import type { Capability } from '../../shared/capability';
import { CheckpointsHttpController } from './checkpoints.http.controller';
import { GetLatestCheckpointHandler } from './get-latest-checkpoint.query';

export const checkpointsCapability: Capability = {
  controllers: [CheckpointsHttpController],
  providers: [GetLatestCheckpointHandler],
};
