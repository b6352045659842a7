import type { Provider, Type } from '@nestjs/common';
import type { Projection } from '@windscreen/projections';

/**
 * What one capability folder brings to the module: its controllers, its command and query handlers
 * (and any other provider of its own) and the projections that keep its read models. The module
 * gathers every folder's; a new command is added to its folder's list, not to the module.
 */
export interface Capability {
  controllers?: Type[];
  providers?: Provider[];
  projections?: Type<Projection>[];
}
