import type { Capability } from '../../shared/capability';
import { ChildrenProjection } from '../children.projection';
import { FindChildrenHttpController } from './find-children.http.controller';
import {
  FindChildrenHandler,
  FindLikelyMatchesHandler,
  GetChildHandler,
  LaChildIdInUseHandler,
} from './find-children.query';

export const findChildrenCapability: Capability = {
  controllers: [FindChildrenHttpController],
  providers: [FindChildrenHandler, GetChildHandler, FindLikelyMatchesHandler, LaChildIdInUseHandler],
  projections: [ChildrenProjection],
};
