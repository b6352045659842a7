/** A valid first-slice contact, to be varied by each test. */
export function aContact(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    child: {
      givenName: 'Amira',
      familyName: 'Khan',
      dateOfBirth: '2015-04-02',
      sex: 'female',
      ethnicity: 'AOTH',
      firstLanguage: 'English',
      disabilities: ['NONE'],
    },
    area: 'cambridgeshire',
    contact: {
      receivedAt: '2026-03-02T09:15:00Z',
      route: 'telephone',
      source: '2A',
      referrer: { name: 'R. Patel', agency: 'Northfield Primary School', anonymous: false },
    },
    concerns: 'Teacher reports a change in behaviour and missed meals',
    ...overrides,
  };
}
