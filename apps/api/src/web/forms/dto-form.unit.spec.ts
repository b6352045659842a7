import { ChangeLevelOfNeedRequestDto } from '../../../../../libs/case-journey/src/case/change-level-of-need/change-level-of-need.request.dto';
import { CloseCaseRequestDto } from '../../../../../libs/case-journey/src/case/closure/closure.request.dto';
import { ConcludeSection47EnquiryRequestDto } from '../../../../../libs/case-journey/src/case/section-47/section-47.request.dto';
import { RecordConsentRequestDto } from '../../../../../libs/case-journey/src/case/consent/record-consent.request.dto';
import { bodyFromForm, fieldErrors, formFields } from './dto-form';
import { REVEALS } from './reveals';

describe('formFields / bodyFromForm: a form read from the request DTO the API validates with', () => {
  const fields = formFields(ChangeLevelOfNeedRequestDto);
  const byName = (name: string) => fields.find((field) => field.name === name);

  it('Given the level-of-need DTO, When read, Then its enum is radios, its booleans yes/no, its nested basis a group, and when it happened comes last', () => {
    expect(byName('level')).toMatchObject({
      kind: 'radios',
      required: true,
      options: expect.arrayContaining([{ value: 'specialist', text: 'Specialist' }]),
    });
    expect(byName('parentsInformed')).toMatchObject({ kind: 'yes-no', required: false });
    expect(byName('immediateRisk')).toMatchObject({
      kind: 'group',
      fields: [expect.objectContaining({ name: 'immediateRisk.justification', kind: 'textarea' })],
    });
    expect(fields[fields.length - 1]).toMatchObject({ name: 'occurredAt', kind: 'date-time' });
  });

  it('Given answers typed in the form, When turned into a body, Then they are typed and nested, blanks left out, and a UK date and time becomes an instant', () => {
    const body = bodyFromForm(fields, {
      level: 'specialist',
      reason: ' Risk of harm ',
      parentsInformed: 'true',
      'immediateRisk.justification': 'Disclosure today',
      'consentException.justification': '',
      'occurredAt-day': '2',
      'occurredAt-month': '7',
      'occurredAt-year': '2026',
      'occurredAt-time': '09:15',
    });
    expect(body).toEqual({
      level: 'specialist',
      reason: 'Risk of harm',
      parentsInformed: true,
      immediateRisk: { justification: 'Disclosure today' },
      occurredAt: '2026-07-02T08:15:00.000Z',
    });
  });

  it('Given the refusal of a nested field, When mapped, Then it is on its own question and the summary links to it', () => {
    const { summary, byField } = fieldErrors(fields, [
      { field: 'immediateRisk.justification', reasons: ['justification should not be empty'] },
    ]);
    expect(summary).toEqual([{ text: 'Justification: should not be empty', href: '#immediateRisk-justification' }]);
    expect(byField['immediateRisk.justification']).toBe('Justification: should not be empty');
  });
});

describe('formFields / bodyFromForm: answers that ask for more (conditional reveals)', () => {
  const closure = formFields(CloseCaseRequestDto);
  const reason = closure.find((field) => field.name === 'reason')!;
  const under = (value: string) => reason.options!.find((option) => option.value === value)!.reveals ?? [];

  it('Given the closure DTO, When read, Then the date of death is asked under RC2 and the court reference under each court order, not on their own', () => {
    expect(closure.map((field) => field.name)).not.toEqual(expect.arrayContaining(['dateOfDeath']));
    expect(closure.map((field) => field.name)).not.toEqual(expect.arrayContaining(['courtReference']));
    expect(under('RC2')).toEqual([
      expect.objectContaining({ name: 'dateOfDeath', kind: 'date', id: 'reason-RC2-dateOfDeath' }),
    ]);
    for (const order of ['RC1', 'RC3', 'RC4'])
      expect(under(order)).toEqual([
        expect.objectContaining({ name: 'courtReference', inputName: `reason-${order}-courtReference` }),
      ]);
    expect(under('RC8')).toEqual([]);
  });

  it("Given a court order chosen and answers typed under other answers too, When turned into a body, Then only the chosen answer's questions are sent", () => {
    const body = bodyFromForm(closure, {
      reason: 'RC3',
      summary: 'Care order made',
      'reason-RC1-courtReference': 'typed under another answer',
      'reason-RC3-courtReference': 'ZW26C00123',
      'dateOfDeath-day': '1',
      'dateOfDeath-month': '2',
      'dateOfDeath-year': '2026',
    });
    expect(body).toEqual({ reason: 'RC3', summary: 'Care order made', courtReference: 'ZW26C00123' });
  });

  it('Given a refused court reference, When mapped, Then the summary links to the copy under the chosen answer', () => {
    const { summary } = fieldErrors(
      closure,
      [{ field: 'courtReference', reasons: ['courtReference should not be empty'] }],
      { reason: 'RC4' },
    );
    expect(summary).toEqual([{ text: 'Court reference: should not be empty', href: '#reason-RC4-courtReference' }]);
  });

  it('Given the section 47 conclusion, When an ICPC is needed, Then its date is asked under "Yes" and sent only then', () => {
    const conclusion = formFields(ConcludeSection47EnquiryRequestDto);
    const icpcNeeded = conclusion.find((field) => field.name === 'icpcNeeded')!;
    expect(icpcNeeded.options!.find((option) => option.value === 'true')!.reveals).toEqual([
      expect.objectContaining({ name: 'icpcDate', kind: 'date' }),
    ]);
    const date = { 'icpcDate-day': '9', 'icpcDate-month': '3', 'icpcDate-year': '2026' };
    expect(bodyFromForm(conclusion, { icpcNeeded: 'true', ...date })).toMatchObject({
      icpcNeeded: true,
      icpcDate: '2026-03-09',
    });
    expect(bodyFromForm(conclusion, { icpcNeeded: 'false', ...date })).not.toHaveProperty('icpcDate');
  });

  it('Given consent given, When notes are typed under it, Then they are sent, as they are for a refusal', () => {
    const consent = formFields(RecordConsentRequestDto);
    expect(
      bodyFromForm(consent, {
        scope: 'early_help',
        givenBy: 'parent_carer',
        decision: 'given',
        'decision-given-notes': 'Given by mother at the home visit',
      }),
    ).toMatchObject({
      decision: 'given',
      notes: 'Given by mother at the home visit',
    });
    expect(
      bodyFromForm(consent, {
        scope: 'early_help',
        givenBy: 'parent_carer',
        decision: 'refused',
        'decision-refused-notes': 'Father refused',
      }),
    ).toMatchObject({ notes: 'Father refused' });
  });

  it('Given every declared reveal, When its DTO is read, Then each question it names exists (a renamed property fails here)', () => {
    for (const dto of REVEALS.keys()) expect(() => formFields(dto)).not.toThrow();
  });
});

describe('formFields: answers named by a census code', () => {
  it('Given the closure reasons, When read, Then each answer says what its code means', () => {
    const reason = formFields(CloseCaseRequestDto).find((field) => field.name === 'reason')!;
    expect(reason.options!.map((option) => option.text)).toContain('RC2: Died');
    expect(reason.options!.find((option) => option.value === 'RC9')!.text).toBe(
      'RC9: Case closed after assessment, referred to early help',
    );
  });
});
