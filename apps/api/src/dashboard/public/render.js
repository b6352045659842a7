// Tables and charts of the reports. Every chart is drawn from the same rows as its table, and keeps
// those numbers in data-chart (JSON) so that tests and curious users can read what it shows.

const LEVEL_LABELS = {
  new_contact: 'New contact',
  universal: 'Universal',
  emerging: 'Emerging needs',
  complex: 'Complex needs',
  specialist: 'Specialist & safeguarding',
  closed: 'Closed',
};
const FLOW_FROM = ['new_contact', 'universal', 'emerging', 'complex', 'specialist'];
const FLOW_TO = ['universal', 'emerging', 'complex', 'specialist', 'closed'];
const TIMELINESS_RULES = [
  'R10',
  'R11-red',
  'R11-amber',
  'R11-green',
  'R13',
  'R33',
  'S17',
  'ICPC',
  'core-group',
  'RCPC',
  'CIN-review',
  'TAF-review',
];
const AREA_LABELS = { cambridgeshire: 'Cambridgeshire', peterborough: 'Peterborough' };
const COLOURS = { blue: '#0072b2', orange: '#d55e00', green: '#009e73', purple: '#6a3d9a' };

const charts = new Map();
window.windscreenDashboard = { charts };

/** "2026-01-01 to 2026-06-30, by month, Peterborough, all teams" */
export function describeFilters(filters) {
  return [
    `${filters.from} to ${filters.to}`,
    `by ${filters.interval}`,
    filters.area ? (AREA_LABELS[filters.area] ?? filters.area) : 'all areas',
    filters.team ? `team ${filters.team}` : 'all teams',
  ].join(', ');
}

const levelLabel = (key) => LEVEL_LABELS[key] ?? key;
const count = (value) => (value === null || value === undefined ? '–' : Number(value).toLocaleString('en-GB'));
/** Rates come as fractions (0.25); shown as percentages. */
const percentOf = (rate) => (rate === null || rate === undefined ? null : Math.round(Number(rate) * 1000) / 10);
const percent = (rate) => (rate === null || rate === undefined ? '–' : `${percentOf(rate)}%`);

function element(name, attributes = {}, text) {
  const node = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * A table with a caption and column headers; the first column heads its row.
 * columns: [{ key, label, format? }]; a format turns a value into text.
 */
function renderTable(container, caption, columns, rows) {
  const table = element('table');
  table.append(element('caption', {}, caption));
  const numeric = new Set(
    columns.filter((column) => rows.some((row) => typeof row[column.key] === 'number')).map((column) => column.key),
  );
  const headRow = element('tr');
  for (const column of columns) {
    headRow.append(
      element(
        'th',
        { scope: 'col', class: numeric.has(column.key) ? 'number' : '', 'data-key': column.key },
        column.label,
      ),
    );
  }
  table.appendChild(element('thead')).append(headRow);
  const body = table.appendChild(element('tbody'));
  for (const row of rows) {
    const tr = body.appendChild(element('tr'));
    columns.forEach((column, index) => {
      const value = row[column.key];
      const text = column.format ? column.format(value) : String(value ?? '–');
      const cell =
        index === 0
          ? element('th', { scope: 'row' }, text)
          : element('td', { class: numeric.has(column.key) ? 'number' : '' }, text);
      cell.dataset.key = column.key;
      tr.append(cell);
    });
  }
  if (rows.length === 0) {
    body
      .appendChild(element('tr'))
      .append(element('td', { colspan: String(columns.length) }, 'Nothing in this period.'));
  }
  container.replaceChildren(table);
}

/** The API's columns, with its labels, formatted by kind. */
function apiColumns(report, formats = {}) {
  return report.columns.map((column) => ({ ...column, format: formats[column.key] ?? count }));
}

function drawChart(canvasId, type, labels, datasets, options = {}) {
  const canvas = document.getElementById(canvasId);
  charts.get(canvasId)?.destroy();
  canvas.dataset.chart = JSON.stringify({ labels, datasets: datasets.map(({ label, data }) => ({ label, data })) });
  const { Chart } = window;
  const chart = new Chart(canvas, {
    type,
    data: { labels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { position: 'bottom' } },
      ...options,
    },
  });
  charts.set(canvasId, chart);
}

const countAxis = { y: { beginAtZero: true, ticks: { precision: 0 } } };
const percentAxis = { y: { beginAtZero: true, max: 100, ticks: { callback: (value) => `${value}%` } } };

export function renderTransitions(report) {
  const labelOf = (key) => report.columns.find((column) => column.key === key)?.label ?? key;
  renderTable(
    document.getElementById('transitions-table'),
    `Step-ups and step-downs, ${describeFilters(report.filters)}`,
    apiColumns(report, { period: String }),
    report.rows,
  );
  drawChart(
    'transitions-chart',
    'bar',
    report.rows.map((row) => row.period),
    [
      { label: labelOf('stepUps'), data: report.rows.map((row) => row.stepUps), backgroundColor: COLOURS.orange },
      { label: labelOf('stepDowns'), data: report.rows.map((row) => row.stepDowns), backgroundColor: COLOURS.blue },
    ],
    { scales: countAxis },
  );
}

/** A from/to matrix: a table whose cells are shaded by how many children moved. */
export function renderFlow(report) {
  const children = new Map(report.rows.map((row) => [`${row.from}>${row.to}`, Number(row.children)]));
  const max = Math.max(0, ...children.values());
  const table = element('table', { class: 'matrix' });
  table.append(
    element(
      'caption',
      {},
      `Flow between levels, ${describeFilters(report.filters)}: children by level moved from (rows) and to (columns)`,
    ),
  );
  const head = table.appendChild(element('thead')).appendChild(element('tr'));
  head.append(element('td', { class: 'corner' }, 'From \\ to'));
  for (const to of FLOW_TO) head.append(element('th', { scope: 'col' }, levelLabel(to)));
  const body = table.appendChild(element('tbody'));
  for (const from of FLOW_FROM) {
    const tr = body.appendChild(element('tr'));
    tr.append(element('th', { scope: 'row' }, levelLabel(from)));
    for (const to of FLOW_TO) {
      const value = children.get(`${from}>${to}`) ?? 0;
      const shade = value === 0 || max === 0 ? 0 : Math.ceil((value / max) * 5);
      tr.append(element('td', { class: `number shade-${shade}`, 'data-from': from, 'data-to': to }, count(value)));
    }
  }
  document.getElementById('flow-table').replaceChildren(table);
}

export function renderTimeAtLevel(report) {
  const labelOf = (key) => report.columns.find((column) => column.key === key)?.label ?? key;
  renderTable(
    document.getElementById('time-at-level-table'),
    `Time at level in days, ${describeFilters(report.filters)}`,
    apiColumns(report, { level: levelLabel }),
    report.rows,
  );
  drawChart(
    'time-at-level-chart',
    'bar',
    report.rows.map((row) => levelLabel(row.level)),
    [
      { label: labelOf('medianDays'), data: report.rows.map((row) => row.medianDays), backgroundColor: COLOURS.blue },
      { label: labelOf('p90Days'), data: report.rows.map((row) => row.p90Days), backgroundColor: COLOURS.purple },
    ],
    { scales: countAxis },
  );
}

export function renderReReferrals(report) {
  renderTable(
    document.getElementById('re-referrals-table'),
    `Re-referrals, ${describeFilters(report.filters)}`,
    apiColumns(report, { period: String, rate: percent }),
    report.rows,
  );
  const label = report.columns.find((column) => column.key === 'rate')?.label ?? 'Re-referral rate';
  drawChart(
    're-referrals-chart',
    'line',
    report.rows.map((row) => row.period),
    [
      {
        label: `${label} (%)`,
        data: report.rows.map((row) => percentOf(row.rate)),
        borderColor: COLOURS.green,
        backgroundColor: COLOURS.green,
        spanGaps: true,
      },
    ],
    { scales: percentAxis },
  );
}

/** The report has a row per period and rule; the chart and its table add the periods up per rule. */
export function renderTimeliness(report) {
  const byRule = new Map(TIMELINESS_RULES.map((rule) => [rule, { rule, due: 0, onTime: 0, late: 0, outstanding: 0 }]));
  for (const row of report.rows) {
    const total =
      byRule.get(row.rule) ??
      byRule.set(row.rule, { rule: row.rule, due: 0, onTime: 0, late: 0, outstanding: 0 }).get(row.rule);
    for (const key of ['due', 'onTime', 'late', 'outstanding']) total[key] += Number(row[key] ?? 0);
  }
  const rows = [...byRule.values()].map((total) => {
    const decided = total.onTime + total.late;
    return { ...total, onTimeRate: decided === 0 ? null : total.onTime / decided };
  });
  const columns = apiColumns(report, { rule: String, onTimeRate: percent }).filter((column) => column.key !== 'period');
  renderTable(
    document.getElementById('timeliness-table'),
    `Timeliness per rule, ${describeFilters(report.filters)}`,
    columns,
    rows,
  );
  const label = report.columns.find((column) => column.key === 'onTimeRate')?.label ?? 'On-time rate';
  drawChart(
    'timeliness-chart',
    'bar',
    rows.map((row) => row.rule),
    [{ label: `${label} (%)`, data: rows.map((row) => percentOf(row.onTimeRate)), backgroundColor: COLOURS.green }],
    { scales: percentAxis },
  );
}

/** After an error nothing stale stays on screen. */
export function clearReports() {
  for (const chart of charts.values()) chart.destroy();
  charts.clear();
  for (const canvas of document.querySelectorAll('canvas[data-chart]')) delete canvas.dataset.chart;
  for (const container of document.querySelectorAll('.table-wrap')) container.replaceChildren();
}
