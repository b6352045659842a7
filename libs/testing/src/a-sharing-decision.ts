/** A valid decision to share with consent given when sought, every legal answer recorded, to be varied by each test (R19). */
export function aSharingDecision(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    decision: 'share',
    information: 'Attendance record and chronology',
    recipients: [{ agency: 'Health visiting' }],
    purpose: 'Team around the family meeting',
    basis: 'consent',
    consentSought: true,
    consentAnswer: 'given',
    dataSubjects: ['child', 'parent_carer'],
    article6Basis: 'public_task',
    specialCategoryData: false,
    confidentialityBasis: 'consent',
    personInformed: { told: true },
    advice: { sought: false },
    reasons: 'To coordinate support for the child',
    ...overrides,
  };
}

/** A decision to share without consent as schema v1 stored it (one mixed list of lawful bases), for the upcaster and what reads it. */
export function aV1SharingDecisionData(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    decision: 'share',
    information: 'Injuries seen',
    recipients: [{ agency: 'Community paediatrics' }],
    purpose: 'Child protection medical',
    basis: 'without_consent',
    consentSought: false,
    judgement: 'Seeking consent would alert the alleged abuser',
    reasons: 'Necessary and proportionate',
    consentInForce: null,
    ...overrides,
  };
}
