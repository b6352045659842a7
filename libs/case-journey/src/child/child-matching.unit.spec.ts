import { likelyMatches, MatchCandidate, normalizeName } from './child-matching';

const amira: MatchCandidate = {
  childId: 'amira',
  details: { givenName: 'Amira', familyName: 'Khan', dateOfBirth: '2015-04-02' },
};
const zoe: MatchCandidate = {
  childId: 'zoe',
  details: { givenName: 'Zoë', familyName: 'Smith-Jones', dateOfBirth: '2018-01-10' },
};
const alexander: MatchCandidate = {
  childId: 'alexander',
  details: { givenName: 'Alexander', familyName: 'Brown', dateOfBirth: '2012-06-30' },
};
const unborn: MatchCandidate = {
  childId: 'unborn',
  details: { givenName: 'Baby', familyName: 'Ahmed', expectedDateOfBirth: '2026-09-01' },
};
const known = [amira, zoe, alexander, unborn];

describe('R42: likely matches on a new contact', () => {
  it('Given a child recorded, When a contact gives the same name and date of birth, Then it is the first match with both names', () => {
    expect(likelyMatches({ givenName: 'amira', familyName: 'KHAN', dateOfBirth: '2015-04-02' }, known)).toEqual([
      { childId: 'amira', reasons: ['date_of_birth', 'given_name', 'family_name'] },
    ]);
  });

  it('Given accents and hyphens, When compared, Then they do not hide the child', () => {
    expect(normalizeName('  Zoë  Smith-Jones ')).toBe('zoe smith jones');
    expect(likelyMatches({ givenName: 'Zoe', familyName: 'Smith Jones', dateOfBirth: '2018-01-10' }, known)).toEqual([
      { childId: 'zoe', reasons: ['date_of_birth', 'given_name', 'family_name'] },
    ]);
  });

  it('Given a short form and a new family name, When compared, Then the child is still offered', () => {
    expect(likelyMatches({ givenName: 'Alex', familyName: 'Green', dateOfBirth: '2012-06-30' }, known)).toEqual([
      { childId: 'alexander', reasons: ['date_of_birth', 'given_name_similar'] },
    ]);
  });

  it('Given a misspelt family name, When compared, Then it is similar', () => {
    expect(likelyMatches({ givenName: 'Amirah', familyName: 'Kahn', dateOfBirth: '2015-04-02' }, known)[0]).toEqual({
      childId: 'amira',
      reasons: ['date_of_birth', 'given_name_similar', 'family_name_similar'],
    });
  });

  it('Given the same name but another date of birth, When compared, Then it is no match', () => {
    expect(likelyMatches({ givenName: 'Amira', familyName: 'Khan', dateOfBirth: '2015-04-03' }, known)).toEqual([]);
  });

  it('Given the same date of birth but unrelated names, When compared, Then it is no match', () => {
    expect(likelyMatches({ givenName: 'Oliver', familyName: 'Taylor', dateOfBirth: '2015-04-02' }, known)).toEqual([]);
  });

  it('Given an unborn child, When a contact gives the same expected date and family name, Then it is offered', () => {
    expect(
      likelyMatches({ givenName: 'Unborn', familyName: 'Ahmed', expectedDateOfBirth: '2026-09-01' }, known),
    ).toEqual([{ childId: 'unborn', reasons: ['expected_date_of_birth', 'family_name'] }]);
  });
});
