import type { Area } from '../domain/national-codes';

/** The DfE's three-digit code and the name of the local authority each area of the record belongs to. */
export const LOCAL_AUTHORITIES: Record<Area, { code: string; name: string }> = {
  cambridgeshire: { code: '873', name: 'Cambridgeshire' },
  peterborough: { code: '874', name: 'Peterborough' },
};
