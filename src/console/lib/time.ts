/** Time-zone helpers built on Intl only. */

let knownTimeZone: string | null = null;

/**
 * The browser's time zone as the server learned it (server-entry.tsx renders a page with it);
 * null: ask the browser itself.
 */
export function setKnownBrowserTimeZone(zone: string | null) {
  knownTimeZone = zone;
}

export function browserTimeZone(): string {
  if (knownTimeZone) return knownTimeZone;
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Milliseconds to add to UTC to get the wall-clock time in `timeZone` at `instant`. */
export function timeZoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wallClockAsUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wallClockAsUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which the calendar day `date` (YYYY-MM-DD) starts in `timeZone`,
 * as an ISO 8601 string in UTC. `endOfDay` gives the last millisecond of that day instead.
 */
export function zonedDayBoundary(date: string, timeZone: string, endOfDay = false): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const wallClock = Date.UTC(y, m - 1, d + (endOfDay ? 1 : 0));
  // Two passes settle the offset around daylight-saving changes.
  let instant = wallClock - timeZoneOffsetMs(wallClock, timeZone);
  instant = wallClock - timeZoneOffsetMs(instant, timeZone);
  if (endOfDay) instant -= 1;
  return new Date(instant).toISOString();
}

export interface TimeZoneOption {
  value: string;
  label: string;
}

let zoneCache: string[] | null = null;

/** Every IANA time zone the browser knows, plus UTC. */
export function allTimeZones(): string[] {
  if (!zoneCache) {
    let zones: string[] = [];
    try {
      zones = Intl.supportedValuesOf('timeZone');
    } catch {
      zones = [];
    }
    zoneCache = Array.from(new Set(['UTC', ...zones])).sort((a, b) => a.localeCompare(b));
  }
  return zoneCache;
}

/** "UTC+01:00" style offset of a zone right now. */
export function utcOffsetLabel(timeZone: string, at = Date.now()): string {
  const minutes = Math.round(timeZoneOffsetMs(at, timeZone) / 60_000);
  const sign = minutes < 0 ? '−' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `UTC${sign}${hh}:${mm}`;
}

/** One zone as a select's option: its name and its offset now ("Europe/Paris (UTC+01:00)"). */
export function timeZoneOption(zone: string, at = Date.now()): TimeZoneOption {
  let offset = '';
  try {
    offset = utcOffsetLabel(zone, at);
  } catch {
    offset = '';
  }
  const name = zone.replaceAll('_', ' ');
  return { value: zone, label: offset ? `${name} (${offset})` : name };
}

/** Every zone labelled, kept ten minutes: each label takes a formatter of its own (about 100 ms for them all). */
let labelled: { at: number; options: TimeZoneOption[] } | null = null;
const labelledForMs = 10 * 60_000;

/** Options for a searchable time-zone select; `current` is kept even if the browser lacks it. */
export function timeZoneOptions(current?: string): TimeZoneOption[] {
  const now = Date.now();
  if (!labelled || now - labelled.at > labelledForMs) {
    labelled = { at: now, options: allTimeZones().map((zone) => timeZoneOption(zone, now)) };
  }
  const { options } = labelled;
  return current && !allTimeZones().includes(current) ? [timeZoneOption(current, now), ...options] : options;
}
