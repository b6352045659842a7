import { ChangeLevelOfNeedRequestDto } from '../../../../../libs/case-journey/src/case/change-level-of-need/change-level-of-need.request.dto';
import { bodyFromForm, fieldErrors, formFields } from './dto-form';

describe('formFields / bodyFromForm: a form read from the request DTO the API validates with', () => {
  const fields = formFields(ChangeLevelOfNeedRequestDto);
  const byName = (name: string) => fields.find((field) => field.name === name);

  it('Given the level-of-need DTO, When read, Then its enum is radios, its booleans yes/no, its nested basis a group, and when it happened comes last', () => {
    expect(byName('level')).toMatchObject({ kind: 'radios', required: true, options: expect.arrayContaining([{ value: 'specialist', text: 'Specialist' }]) });
    expect(byName('parentsInformed')).toMatchObject({ kind: 'yes-no', required: false });
    expect(byName('immediateRisk')).toMatchObject({ kind: 'group', fields: [expect.objectContaining({ name: 'immediateRisk.justification', kind: 'textarea' })] });
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
    expect(body).toEqual({ level: 'specialist', reason: 'Risk of harm', parentsInformed: true, immediateRisk: { justification: 'Disclosure today' }, occurredAt: '2026-07-02T08:15:00.000Z' });
  });

  it('Given the refusal of a nested field, When mapped, Then it is on its own question and the summary links to it', () => {
    const { summary, byField } = fieldErrors(fields, [{ field: 'immediateRisk.justification', reasons: ['justification should not be empty'] }]);
    expect(summary).toEqual([{ text: 'Justification: should not be empty', href: '#immediateRisk-justification' }]);
    expect(byField['immediateRisk.justification']).toBe('Justification: should not be empty');
  });
});
