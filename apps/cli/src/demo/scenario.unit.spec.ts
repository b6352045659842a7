import { journeys, playInMemory } from './demo-spec-support';
import { DemoFamily, generatePopulation } from './scenario';

const END = new Date('2026-06-01T00:00:00.000Z');

describe('demo population: every command goes through the pure deciders', () => {
  let population: Awaited<ReturnType<typeof playInMemory>>;

  beforeAll(async () => {
    population = await playInMemory({ seed: 'unit', children: 1000, end: END });
  });

  it('has every command accepted by the threshold rules', () => {
    expect(population.result.refused).toEqual([]);
    expect(population.families.reduce((sum, family) => sum + family.children.length, 0)).toBe(1000);
    expect(population.store.events.filter((event) => event.type === 'ChildRegistered')).toHaveLength(1000);
    // Some children come back after their case closed, as a second case about the same child (R40).
    const secondCases = population.families.flatMap((family) =>
      family.steps.filter((step) => step.stream === 'case' && step.sameChild),
    ).length;
    expect(secondCases).toBeGreaterThan(0);
    expect(population.store.events.filter((event) => event.type === 'CaseOpened')).toHaveLength(1000 + secondCases);
    expect(population.result.events).toBe(population.store.events.length);
    expect(population.result.events).toBeGreaterThan(10_000);
  });

  it('happens within the three years, in time order within each family', () => {
    const start = END.getTime() - 3 * 365.25 * 24 * 3600 * 1000;
    for (const family of population.families) {
      const times = family.steps.map((step) => Date.parse(step.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(Math.min(...times)).toBeGreaterThanOrEqual(start - 3600 * 1000);
      expect(Math.max(...times)).toBeLessThanOrEqual(END.getTime());
    }
  });

  it('covers the journeys the reports look at', () => {
    const found = journeys(population.store.events);
    const { count } = found;
    expect(found.levels).toEqual(['complex', 'emerging', 'specialist', 'universal']);
    expect(found.stepDowns).toBeGreaterThan(0);
    expect(found.reReferrals).toBeGreaterThan(0);
    expect(count('CaseReopened', (data) => data.reReferral === false)).toBeGreaterThan(0);
    expect(found.sharedWithoutConsent).toBeGreaterThan(0);
    expect(count('InformationSharingDecisionRecorded', (data) => data.decision === 'not_share')).toBeGreaterThan(0);
    expect(count('ReferrerNotified', (data) => data.late === true)).toBeGreaterThan(0);
    expect(count('ReferrerNotified', (data) => data.late === false)).toBeGreaterThan(
      count('ReferrerNotified', (data) => data.late === true),
    );
    expect(count('SteppedDown', (data) => data.reasonCategory === 'statutory_work_ended')).toBeGreaterThan(0);
    for (const type of [
      'ChildJoinedFamily',
      'EarlyHelpAssessmentStarted',
      'TeamAroundFamilyConvened',
      'TeamAroundFamilyReviewed',
      'EarlyHelpHubDecisionRecorded',
      'KeepInTouchStarted',
      'BragRatingApplied',
      'WrittenFollowUpReceived',
      'MashDecisionRecorded',
      'Section17AssessmentCompleted',
      'StrategyDiscussionHeld',
      'Section47EnquiryConcluded',
      'ChildInNeedPlanStarted',
      'ChildProtectionPlanStarted',
      'EscalationResolved',
      'CaseClosed',
      'CaseAllocated',
      'InformationSent',
      'EarlyHelpAssessmentShared',
      'TeamAroundFamilyMemberJoined',
    ]) {
      expect({ [type]: count(type) > 0 }).toEqual({ [type]: true });
    }
  });

  it('moves to specialist on an immediate risk only where there is one: a Red contact, or a section 47 enquiry that follows (no risk invented to get past R6)', () => {
    const invented: string[] = [];
    for (const [stream, events] of population.store.streams) {
      events.forEach((event, index) => {
        const data = event.data as { level?: string; to?: string; basis?: { immediateRisk?: unknown } };
        const toSpecialist =
          (event.type === 'LevelOfNeedAssessed' && data.level === 'specialist') ||
          (event.type === 'SteppedUp' && data.to === 'specialist');
        if (!toSpecialist || !data.basis?.immediateRisk) return;
        const rating = events
          .slice(0, index)
          .filter((before) => before.type === 'BragRatingApplied')
          .at(-1)?.data as { rating?: string } | undefined;
        const s47Follows = events.slice(index + 1, index + 8).some((after) => after.type === 'Section47EnquiryOpened');
        if (rating?.rating !== 'red' && !s47Follows) invented.push(`${stream}#${index}`);
      });
    }
    expect(invented).toEqual([]);
  });

  it('is the same population for the same seed, and another for another seed', () => {
    const shape = (families: DemoFamily[]) =>
      [...families].sort((a, b) => a.index - b.index).map((family) => JSON.stringify(family));
    expect(shape([...generatePopulation({ seed: 'unit', children: 1000, end: END })])).toEqual(
      shape(population.families),
    );
    expect(shape([...generatePopulation({ seed: 'another', children: 1000, end: END })])).not.toEqual(
      shape(population.families),
    );
  });
});
