import type { RecordedEvent } from '@windscreen/event-store';
import type { Area } from '../../domain/national-codes';
import { decodeCaseEvent } from '../../events/decode';
import { toCsv } from '../../shared/csv';
import { describeEvent } from './describe-event';
import { isRecordedLate } from '../../domain/working-days';

export interface ChronologyCorrection {
  eventId: string;
  recordedAt: string;
  by: string;
  correctedValues: Record<string, unknown>;
  originalValues: Record<string, unknown>;
  reason: string;
}

export interface ChronologyEntry {
  eventId: string;
  type: string;
  occurredAt: string;
  recordedAt: string;
  by: { id: string; name: string; role: string; agency: string };
  /** One line, as a social worker would write it. */
  line: string;
  /** R35: recorded more than the configured working days (default 2) after it happened. */
  recordedLate: boolean;
  corrections: ChronologyCorrection[];
}

const AREA_LABELS: Record<Area, string> = { cambridgeshire: 'Cambridgeshire', peterborough: 'Peterborough' };

const ukTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: '2-digit',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** "12 Mar 2026 14:05" in UK time. */
export function formatUkTime(iso: string): string {
  const parts = Object.fromEntries(ukTime.formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
  return `${parts.day} ${parts.month} ${parts.year} ${parts.hour}:${parts.minute}`;
}

/**
 * The case's significant events in the order they happened, one plain line each; a correction is
 * shown beside the entry it corrects rather than as an entry of its own (R22).
 */
export function buildChronology(
  stored: RecordedEvent[],
  area: Area | null,
  recordedLateAfterWorkingDays: number,
): ChronologyEntry[] {
  const events = stored.map(decodeCaseEvent);
  const corrections = new Map<string, ChronologyCorrection[]>();
  for (const event of events) {
    if (event.type !== 'EntryCorrected') continue;
    const { data } = event;
    const list = corrections.get(data.correctsEventId) ?? [];
    list.push({
      eventId: event.id,
      recordedAt: event.metadata.recordedAt,
      by: event.metadata.actor.name,
      correctedValues: data.correctedValues,
      originalValues: data.originalValues,
      reason: data.reason,
    });
    corrections.set(data.correctsEventId, list);
  }
  const where = area ? `, ${AREA_LABELS[area]}` : '';
  return events
    .filter((event) => event.type !== 'EntryCorrected')
    .sort(
      (a, b) =>
        Date.parse(a.metadata.occurredAt) - Date.parse(b.metadata.occurredAt) || Number(a.revision - b.revision),
    )
    .map((event) => {
      const { actor } = event.metadata;
      const entryCorrections = corrections.get(event.id) ?? [];
      const corrected = entryCorrections.length
        ? ` [corrected ${entryCorrections.length === 1 ? 'once' : `${entryCorrections.length} times`}]`
        : '';
      const recordedLate = isRecordedLate(
        event.metadata.occurredAt,
        event.metadata.recordedAt,
        recordedLateAfterWorkingDays,
      );
      const late = recordedLate ? ` [recorded late, ${formatUkTime(event.metadata.recordedAt)}]` : '';
      return {
        eventId: event.id,
        type: event.type,
        occurredAt: event.metadata.occurredAt,
        recordedAt: event.metadata.recordedAt,
        by: { id: actor.id, name: actor.name, role: actor.role, agency: actor.agency },
        line: `${formatUkTime(event.metadata.occurredAt)} - ${describeEvent(event)} by ${actor.name} (${actor.agency}${where})${corrected}${late}`,
        recordedLate,
        corrections: entryCorrections,
      };
    });
}

export function chronologyCsv(entries: ChronologyEntry[]): string {
  return toCsv(
    ['occurred_at', 'recorded_at', 'recorded_late', 'type', 'by', 'role', 'agency', 'entry', 'corrections'],
    entries.map((entry) => [
      entry.occurredAt,
      entry.recordedAt,
      entry.recordedLate ? 'yes' : 'no',
      entry.type,
      entry.by.name,
      entry.by.role,
      entry.by.agency,
      entry.line,
      entry.corrections
        .map(
          (c) =>
            `${c.recordedAt} ${c.by}: ${JSON.stringify(c.originalValues)} -> ${JSON.stringify(c.correctedValues)} (${c.reason})`,
        )
        .join(' | '),
    ]),
  );
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

export function chronologyHtml(title: string, entries: ChronologyEntry[], note: string): string {
  const items = entries
    .map((entry) => {
      const corrections = entry.corrections
        .map(
          (c) =>
            `<div class="correction">Corrected ${escapeHtml(formatUkTime(c.recordedAt))} by ${escapeHtml(c.by)}: ${escapeHtml(JSON.stringify(c.originalValues))} &rarr; ${escapeHtml(JSON.stringify(c.correctedValues))} (${escapeHtml(c.reason)})</div>`,
        )
        .join('');
      return `<li>${escapeHtml(entry.line)}${corrections}</li>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;line-height:1.5}li{margin:.4rem 0}.correction{color:#7a4b00;margin-left:1rem;font-size:.9em}@media print{body{margin:0}}</style>
</head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(note)}</p><ol>
${items}
</ol></body></html>
`;
}
