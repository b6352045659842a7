import { trendChart } from './trend-chart';

const SERIES = [
  { key: 'stepUps', label: 'Step-ups', className: 'app-chart__bar--up' },
  { key: 'stepDowns', label: 'Step-downs', className: 'app-chart__bar--down' },
];

describe('trendChart: the step-up and step-down bars drawn from the report rows', () => {
  it('Given two periods, When drawn, Then each has a bar per series, heights in proportion on a round axis, and the larger bar reaches the value drawn', () => {
    const chart = trendChart(
      [
        { period: '2026-01', stepUps: 8, stepDowns: 2 },
        { period: '2026-02', stepUps: 0, stepDowns: 4 },
      ],
      'period',
      SERIES,
    );
    expect(chart.groups.map((group) => group.label)).toEqual(['2026-01', '2026-02']);
    expect(chart.ticks.map((tick) => tick.value)).toEqual([0, 2, 4, 6, 8]);
    const [ups, downs] = chart.groups[0].bars;
    expect(ups).toMatchObject({ series: 'Step-ups', value: 8, y: chart.ticks[4].y });
    expect(ups.height).toBeCloseTo(downs.height * 4);
    expect(chart.groups[1].bars[0].height).toBe(0);
    expect(ups.y + ups.height).toBeCloseTo(chart.baseline);
  });

  it('Given no movement at all, When drawn, Then the axis still has a top and every bar is flat', () => {
    const chart = trendChart([{ period: '2026-01', stepUps: 0, stepDowns: 0 }], 'period', SERIES);
    expect(chart.ticks.map((tick) => tick.value)).toEqual([0, 1]);
    expect(chart.groups[0].bars.every((bar) => bar.height === 0)).toBe(true);
  });
});
