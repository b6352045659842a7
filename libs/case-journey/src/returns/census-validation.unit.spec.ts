import { CensusChild, CensusEpisode, collectionYear } from './cin-census';
import { validateCensusChild } from './census-validation';

const year = collectionYear(2025);

const anEpisode = (overrides: Partial<CensusEpisode> = {}): CensusEpisode => ({
  referralDate: '2024-06-01',
  referralSource: '2A',
  assessments: [],
  cinPlans: [],
  section47s: [],
  referralNfa: false,
  cpPlans: [],
  ...overrides,
});

const aChild = (episode: Partial<CensusEpisode> = {}, overrides: Partial<CensusChild> = {}): CensusChild => ({
  childId: 'c1',
  laChildId: 'LA1',
  birthDate: '2015-04-02',
  gender: '2',
  ethnicity: 'WBRI',
  disabilities: ['NONE'],
  episodes: [anEpisode(episode)],
  ...overrides,
});

const rulesBroken = (child: CensusChild) => validateCensusChild(child, year).map((issue) => issue.rule);

describe('CIN census validation rules', () => {
  it('Given a coherent episode, When validated, Then no rule is broken', () => {
    expect(validateCensusChild(aChild({ closureDate: '2024-09-01', reasonForClosure: 'RC7' }), year)).toEqual([]);
  });

  it('Given a closure date without a reason, When validated, Then 8805 names the child and the field', () => {
    expect(validateCensusChild(aChild({ closureDate: '2024-09-01' }), year)).toEqual([
      {
        rule: '8805',
        message: 'A CIN case cannot have a CIN closure date without a Reason for Closure',
        laChildId: 'LA1',
        field: 'ReasonForClosure',
        referralDate: '2024-06-01',
      },
    ]);
  });

  it('Given a reason without a closure date, When validated, Then 8810', () => {
    expect(rulesBroken(aChild({ reasonForClosure: 'RC7' }))).toEqual(['8810']);
  });

  it('Given a child protection plan with no initial conference in the year, When validated, Then 2883', () => {
    const plan = {
      startDate: '2024-07-01',
      initialCategory: 'NEG' as const,
      latestCategory: 'NEG' as const,
      previousPlans: 0,
      reviewDates: [],
    };
    expect(rulesBroken(aChild({ cpPlans: [plan] }))).toEqual(['2883']);
    expect(
      rulesBroken(
        aChild({
          cpPlans: [plan],
          section47s: [{ startDate: '2024-06-10', icpcDate: '2024-07-01', icpcNotRequired: false }],
        }),
      ),
    ).toEqual([]);
  });

  it('Given factors on an assessment without an authorisation date, When validated, Then 8614', () => {
    expect(rulesBroken(aChild({ assessments: [{ startDate: '2024-06-02', factors: ['21'] }] }))).toEqual(['8614']);
    expect(
      rulesBroken(
        aChild({ assessments: [{ startDate: '2024-06-02', authorisationDate: '2024-07-01', factors: ['21'] }] }),
      ),
    ).toEqual([]);
  });

  it('Given a referral after the reference date, When validated, Then 8600', () => {
    expect(rulesBroken(aChild({ referralDate: '2025-04-01' }))).toContain('8600');
  });

  it('Given a closure outside the census year, When validated, Then 8620', () => {
    expect(
      rulesBroken(aChild({ referralDate: '2023-06-01', closureDate: '2024-03-31', reasonForClosure: 'RC7' })),
    ).toEqual(['8620']);
  });

  it('Given activity after the closure, When validated, Then 8565', () => {
    expect(
      rulesBroken(
        aChild({
          closureDate: '2024-09-01',
          reasonForClosure: 'RC7',
          cinPlans: [{ startDate: '2024-08-01', endDate: '2024-09-02' }],
        }),
      ),
    ).toEqual(['8565']);
  });

  it('Given closure as died without a date of death, When validated, Then 8585Q', () => {
    expect(rulesBroken(aChild({ closureDate: '2024-09-01', reasonForClosure: 'RC2' }))).toEqual(['8585Q']);
    expect(
      rulesBroken(aChild({ closureDate: '2024-09-01', reasonForClosure: 'RC2' }, { deathDate: '2024-08-30' })),
    ).toEqual([]);
  });

  it('Given a referral more than 40 weeks before the (expected) birth, When validated, Then 8606', () => {
    expect(
      rulesBroken(aChild({ referralDate: '2024-04-02' }, { birthDate: undefined, expectedBirthDate: '2025-03-01' })),
    ).toEqual(['8606']);
    expect(
      rulesBroken(aChild({ referralDate: '2024-06-01' }, { birthDate: undefined, expectedBirthDate: '2025-03-01' })),
    ).toEqual([]);
  });

  it('Given an s47 enquiry from before the year with no conference held or ruled out, When validated, Then 8740', () => {
    expect(
      rulesBroken(
        aChild({ referralDate: '2024-03-01', section47s: [{ startDate: '2024-03-10', icpcNotRequired: false }] }),
      ),
    ).toEqual(['8740']);
  });
});
