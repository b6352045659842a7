import type { CaseOpened } from './open-case.decide';

/**
 * For decider specs: the first event of a case, opened on a written contact about a new child
 * (Amira Khan) in Peterborough. The ids and when the contact came in are the spec's.
 */
export function aCaseOpened(
  ids: { caseId: string; childId: string; familyId: string },
  contactReceivedAt: string,
): CaseOpened {
  return {
    type: 'CaseOpened',
    schemaVersion: 2,
    data: {
      ...ids,
      laChildId: 'C0000000001',
      area: 'peterborough',
      concerns: 'concerns',
      child: {
        givenName: 'Amira',
        familyName: 'Khan',
        dateOfBirth: '2015-04-02',
        sex: 'female',
        disabilities: ['NONE'],
      },
      contact: {
        receivedAt: contactReceivedAt,
        route: 'written',
        source: '2A',
        referrer: { name: 'R. Patel', anonymous: false },
      },
    },
  };
}
