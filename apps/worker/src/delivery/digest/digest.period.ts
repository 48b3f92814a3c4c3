// Which digest period a moment belongs to, in the subscription's time zone: the key of the
// send log. Two runs inside one period (a rerun, a retried job) share the key.
export type DigestCadence = 'daily' | 'weekly' | 'cron';

export const DEFAULT_PATTERNS: Record<Exclude<DigestCadence, 'cron'>, string> = {
  daily: '0 8 * * *',
  weekly: '0 8 * * 1',
};

export function digestPeriod(cadence: DigestCadence, at: Date, timeZone: string): string {
  const parts = localParts(at, timeZone);
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  if (cadence === 'daily') return date;
  if (cadence === 'weekly') return isoWeek(Number(parts.year), Number(parts.month), Number(parts.day));
  return `${date}T${parts.hour}:${parts.minute}`;
}

/** Refuses a zone Intl does not know, naming it. */
export function checkTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    throw new Error(`unknown time zone "${timeZone}" (expected an IANA name such as America/New_York)`);
  }
}

function localParts(at: Date, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const out: Record<string, string> = {};
  for (const p of format.formatToParts(at)) out[p.type] = p.value;
  return out as Record<'year' | 'month' | 'day' | 'hour' | 'minute', string>;
}

function isoWeek(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
