/** One bar series of a chart: the report column it draws and the class that colours it. */
export interface ChartSeries {
  key: string;
  label: string;
  className: string;
}

export interface ChartBar {
  series: string;
  className: string;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TrendChart {
  width: number;
  height: number;
  /** Where the bars stand: the x axis. */
  baseline: number;
  left: number;
  right: number;
  ticks: { value: number; y: number }[];
  groups: { label: string; x: number; bars: ChartBar[] }[];
  series: ChartSeries[];
}

const WIDTH = 640;
const HEIGHT = 260;
const MARGIN = { top: 12, right: 8, bottom: 36, left: 40 };

/** A "nice" top for the axis (1, 2 or 5 times a power of ten) and its steps. */
function axisTicks(max: number): number[] {
  if (max <= 0) return [0, 1];
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough)!;
  const ticks: number[] = [];
  for (let value = 0; value < max + step; value += step) ticks.push(value);
  return ticks;
}

/**
 * Grouped bars, one group per period of a report (server-drawn SVG, no script). It repeats the
 * report's table beside it, which stays the accessible source of the figures.
 */
/** A period's label as the report gave it (a date or a number); anything else shows as blank. */
const textOf = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';

export function trendChart(rows: Record<string, unknown>[], periodKey: string, series: ChartSeries[]): TrendChart {
  const valueOf = (row: Record<string, unknown>, key: string) => (typeof row[key] === 'number' ? row[key] : 0);
  const max = Math.max(0, ...rows.flatMap((row) => series.map((one) => valueOf(row, one.key))));
  const ticks = axisTicks(max);
  const top = ticks[ticks.length - 1];
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const baseline = MARGIN.top + plotHeight;
  const groupWidth = rows.length ? plotWidth / rows.length : plotWidth;
  const barWidth = Math.max(1, (groupWidth * 0.8) / series.length);
  const heightOf = (value: number) => (value / top) * plotHeight;
  return {
    width: WIDTH,
    height: HEIGHT,
    baseline,
    left: MARGIN.left,
    right: WIDTH - MARGIN.right,
    ticks: ticks.map((value) => ({ value, y: baseline - heightOf(value) })),
    series,
    groups: rows.map((row, index) => {
      const start = MARGIN.left + index * groupWidth + groupWidth * 0.1;
      return {
        label: textOf(row[periodKey]),
        x: MARGIN.left + index * groupWidth + groupWidth / 2,
        bars: series.map((one, position) => {
          const value = valueOf(row, one.key);
          return {
            series: one.label,
            className: one.className,
            value,
            x: start + position * barWidth,
            y: baseline - heightOf(value),
            width: barWidth,
            height: heightOf(value),
          };
        }),
      };
    }),
  };
}
