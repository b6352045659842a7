import {
  backUpContribution,
  DAILY_COUNTERS,
  FLOW_PAIRS,
  moveContribution,
  referralContribution,
  stepDownContribution,
} from './daily-counts';

describe('Daily counts of the trend reports', () => {
  it('Given the continuum, When flow pairs are listed, Then there are the 21 moves from a new contact or a level to another level or closure', () => {
    expect(FLOW_PAIRS).toHaveLength(21);
    expect(FLOW_PAIRS.map((pair) => pair.column)).toContain('flow_new_contact_to_closed');
    expect(FLOW_PAIRS.some((pair) => pair.from === pair.to)).toBe(false);
    expect(new Set(DAILY_COUNTERS).size).toBe(DAILY_COUNTERS.length);
  });

  it('Given a step up made for the first time, When counted, Then it is a step up and a move in the flow; made again, only a step up', () => {
    expect(moveContribution({ direction: 'up', from: 'complex', to: 'specialist', repeatSince: null })).toEqual({
      step_ups: 1,
      flow_complex_to_specialist: 1,
    });
    expect(moveContribution({ direction: 'up', from: 'complex', to: 'specialist', repeatSince: '2026-01-02' })).toEqual(
      { step_ups: 1 },
    );
    expect(moveContribution({ direction: 'closed', from: 'new_contact', to: 'closed', repeatSince: null })).toEqual({
      flow_new_contact_to_closed: 1,
    });
  });

  it('Given a child back at specialist within 3 months of a step down, When counted, Then every window (3, 6 and 12) counts it; after 7 months only 12', () => {
    expect(backUpContribution(3)).toEqual({ back_up_within_3: 1, back_up_within_6: 1, back_up_within_12: 1 });
    expect(stepDownContribution(12)).toEqual({ stepped_down_from_specialist: 1, back_up_within_12: 1 });
    expect(stepDownContribution(null)).toEqual({ stepped_down_from_specialist: 1 });
  });

  it('Given a re-referral, When counted, Then it is also a referral', () => {
    expect(referralContribution(true)).toEqual({ referrals: 1, re_referrals: 1 });
    expect(referralContribution(false)).toEqual({ referrals: 1 });
  });
});
