import type { Capability } from '../../shared/capability';
import {
  CorrectChildDetailsHandler,
  CorrectParentOrCarerHandler,
  RecordChildDeathHandler,
  RecordParentOrCarerHandler,
} from './record-on-child.commands';
import { RecordOnChildHttpController } from './record-on-child.http.controller';

export const recordOnChildCapability: Capability = {
  controllers: [RecordOnChildHttpController],
  providers: [
    CorrectChildDetailsHandler,
    RecordChildDeathHandler,
    RecordParentOrCarerHandler,
    CorrectParentOrCarerHandler,
  ],
};
