// The managers' dashboard: reads the filters, fetches the reports with the pasted token, draws them.
import { downloadReportCsv, fetchReport, filterQuery } from './reports-api.js';
import {
  clearReports,
  describeFilters,
  renderFlow,
  renderReReferrals,
  renderTimeAtLevel,
  renderTimeliness,
  renderTransitions,
} from './render.js';

const TOKEN_KEY = 'windscreen.dashboard.token';
const FILTERS = ['from', 'to', 'interval', 'area', 'team'];
const REPORTS = [
  ['transitions', renderTransitions],
  ['flow', renderFlow],
  ['time-at-level', renderTimeAtLevel],
  ['re-referrals', renderReReferrals],
  ['timeliness', renderTimeliness],
];

const form = document.getElementById('filters');
const tokenInput = document.getElementById('token');
const statusLine = document.getElementById('status');
const errorLine = document.getElementById('error');
const reports = document.getElementById('reports');

let loadSequence = 0;
let shownFilters = null;

const isoDate = (date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/** The twelve months ending today, as the API's own default, unless the address names filters. */
function initialFilters() {
  const today = new Date();
  const defaults = {
    from: isoDate(new Date(today.getFullYear(), today.getMonth() - 11, 1)),
    to: isoDate(today),
    interval: 'month',
    area: '',
    team: '',
  };
  const query = new URLSearchParams(window.location.search);
  return Object.fromEntries(FILTERS.map((name) => [name, query.get(name) ?? defaults[name]]));
}

function readFilters() {
  return Object.fromEntries(FILTERS.map((name) => [name, form.elements[name].value.trim()]));
}

function setState(state) {
  document.body.dataset.state = state;
  reports.setAttribute('aria-busy', String(state === 'loading'));
}

function showError(message) {
  errorLine.textContent = message;
  errorLine.hidden = false;
}

function clearError() {
  errorLine.textContent = '';
  errorLine.hidden = true;
}

function refuse(message, field) {
  showError(message);
  statusLine.textContent = 'The reports were not loaded.';
  setState('error');
  field.focus();
}

async function load() {
  const token = tokenInput.value.trim();
  const filters = readFilters();
  if (!token)
    return refuse(
      `Paste a bearer token first (mint one with npm run -s token -- --role manager --all-teams).`,
      tokenInput,
    );
  if (!filters.from || !filters.to)
    return refuse('Choose both a from and a to date.', form.elements[filters.from ? 'to' : 'from']);
  if (filters.from > filters.to) return refuse('The from date must be on or before the to date.', form.elements.from);
  sessionStorage.setItem(TOKEN_KEY, token);
  window.history.replaceState(null, '', `?${filterQuery(filters)}`);

  const sequence = ++loadSequence;
  clearError();
  setState('loading');
  statusLine.textContent = 'Loading the reports…';
  try {
    const answers = await Promise.all(REPORTS.map(([name]) => fetchReport(name, token, filters)));
    if (sequence !== loadSequence) return;
    REPORTS.forEach(([, render], index) => render(answers[index]));
    shownFilters = answers[0].filters;
    document.body.dataset.loads = String(Number(document.body.dataset.loads) + 1);
    statusLine.textContent = `Showing ${describeFilters(shownFilters)}.`;
    setState('ready');
  } catch (error) {
    if (sequence !== loadSequence) return;
    clearReports();
    shownFilters = null;
    showError(error.message);
    statusLine.textContent = 'The reports could not be loaded.';
    setState('error');
  }
}

async function downloadCsv(button) {
  const token = tokenInput.value.trim();
  if (!token) return refuse('Paste a bearer token first.', tokenInput);
  const report = button.dataset.report;
  const filters = shownFilters
    ? Object.fromEntries(FILTERS.map((name) => [name, shownFilters[name] ?? '']))
    : readFilters();
  statusLine.textContent = `Preparing the ${report} CSV…`;
  try {
    const fileName = await downloadReportCsv(report, token, filters);
    statusLine.textContent = `Downloaded ${fileName}.`;
  } catch (error) {
    showError(error.message);
    statusLine.textContent = `The ${report} CSV could not be downloaded.`;
  }
}

function start() {
  if (!window.Chart) {
    showError('The chart library did not load: reload the page.');
    return;
  }
  for (const [name, value] of Object.entries(initialFilters())) form.elements[name].value = value;
  tokenInput.value = sessionStorage.getItem(TOKEN_KEY) ?? '';
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  document.getElementById('forget').addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    tokenInput.value = '';
    statusLine.textContent = 'Token forgotten.';
    tokenInput.focus();
  });
  for (const button of document.querySelectorAll('button.csv'))
    button.addEventListener('click', () => downloadCsv(button));
  if (tokenInput.value) load();
}

start();
