import { GetChronologyHandler } from './get-chronology.query';
import type { Capability } from '../../shared/capability';
import { GetChronologyHttpController } from './get-chronology.http.controller';

export const chronologyCapability: Capability = {
  controllers: [GetChronologyHttpController],
  providers: [GetChronologyHandler],
};
