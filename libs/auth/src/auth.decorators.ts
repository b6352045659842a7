import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Actor, Role } from '@windscreen/identity';

export const PUBLIC_ROUTE = 'windscreen:public';
export const ALLOWED_ROLES = 'windscreen:roles';

/** No token needed (health, API documentation). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Only these roles may call the route; the actor acts in the first of its roles that is allowed. */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

/** Roles that may record what happens to a child. Auditors are read-only; admins manage users. */
export const RECORDING_ROLES: Role[] = ['case_worker', 'manager'];
/** Roles that may read case data. */
export const CASE_READING_ROLES: Role[] = ['case_worker', 'manager', 'auditor'];

export interface AuthenticatedRequest {
  actor?: Actor;
}

/** The authenticated actor, as verified by the guard. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a public route');
  return actor;
});
