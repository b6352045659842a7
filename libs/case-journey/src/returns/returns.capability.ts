import type { Capability } from '../shared/capability';
import { ReturnsHttpController } from './returns.http.controller';

export const returnsCapability: Capability = {
  controllers: [ReturnsHttpController],
};
