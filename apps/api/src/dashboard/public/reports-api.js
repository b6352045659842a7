// Calls to GET /reports/<name> with the user's bearer token; errors become plain messages.

const TOKEN_COMMAND = 'npm run -s token -- --role manager --all-teams';

export class ReportError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

/** Query string of the filters, leaving out the empty ones. */
export function filterQuery(filters, extra = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) {
    if (value) query.set(key, value);
  }
  return query.toString();
}

async function problemDetail(response) {
  try {
    const problem = await response.json();
    return typeof problem.detail === 'string' ? problem.detail : '';
  } catch {
    return '';
  }
}

async function failure(response, report) {
  const detail = await problemDetail(response);
  switch (response.status) {
    case 401:
      return new ReportError(
        `Your token was not accepted (401${detail ? `: ${detail}` : ''}). It may be missing, expired or from another server: mint a new one with ${TOKEN_COMMAND} and paste it above.`,
        401,
      );
    case 403:
      return new ReportError(
        `Your token does not allow these reports (403${detail ? `: ${detail}` : ''}). They need the manager or auditor role; a manager without all teams sees only their own team.`,
        403,
      );
    case 400:
      return new ReportError(
        `The filters were refused (400): ${detail || 'check the dates, interval, area and team'}.`,
        400,
      );
    default:
      return new ReportError(
        `The ${report} report failed (${response.status}${detail ? `: ${detail}` : ''}).`,
        response.status,
      );
  }
}

async function request(report, token, filters, accept, extra) {
  let response;
  try {
    response = await fetch(`/reports/${report}?${filterQuery(filters, extra)}`, {
      headers: { Authorization: `Bearer ${token}`, Accept: accept },
    });
  } catch {
    throw new ReportError('The API could not be reached: is Windscreen running?', 0);
  }
  if (!response.ok) throw await failure(response, report);
  return response;
}

/** One report as JSON: { report, filters, columns, rows }. */
export async function fetchReport(report, token, filters) {
  const response = await request(report, token, filters, 'application/json');
  return response.json();
}

/** One report as CSV, saved by the browser under a name that says what it holds. */
export async function downloadReportCsv(report, token, filters) {
  const response = await request(report, token, filters, 'text/csv', { format: 'csv' });
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download =
    [report.replace(/\//g, '-'), filters.from, 'to', filters.to, filters.area, filters.team].filter(Boolean).join('_') +
    '.csv';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return link.download;
}
