// Where CloudTrail puts digest files (reference §6.1). Digest names carry
// digestEndTime to the second (log file names, §5.1, only to the minute).
// Validators find digests by listing the bucket after a computed key and
// reading the date from the last 24 characters of each name, so the layout
// has to be exact to the character.

export interface TrailLocation {
  /** The trail's S3KeyPrefix, without a trailing slash; undefined when none. */
  prefix?: string;
  accountId: string;
}

export interface DigestKeyParts extends TrailLocation {
  /** The Region whose log files the digest covers. */
  region: string;
  trailName: string;
  homeRegion: string;
  /** digestEndTime. */
  endTime: Date;
}

/** YYYYMMDDTHHmmssZ, as in digest names (awscli: '%Y%m%dT%H%M%SZ'). */
export function compactSeconds(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').slice(0, 15) + 'Z';
}

/** YYYY/MM/DD, the date folder. */
function dateFolder(date: Date): string {
  return date.toISOString().slice(0, 10).replace(/-/g, '/');
}

function withPrefix(prefix: string | undefined, key: string): string {
  return prefix ? `${prefix}/${key}` : key;
}

export function digestKey(parts: DigestKeyParts): string {
  const { accountId, region, trailName, homeRegion, endTime } = parts;
  return withPrefix(
    parts.prefix,
    `AWSLogs/${accountId}/CloudTrail-Digest/${region}/${dateFolder(endTime)}/` +
      `${accountId}_CloudTrail-Digest_${region}_${trailName}_${homeRegion}_${compactSeconds(endTime)}.json.gz`,
  );
}

/** Reads YYYYMMDDTHHmm[ss]Z (digest and log file names); undefined when it is not a real UTC time. */
export function parseCompactTime(text: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?Z$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s = '00'] = m.slice(1);
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
  return Number.isNaN(date.getTime()) || compactSeconds(date).slice(0, text.length - 1) !== text.slice(0, -1) ? undefined : date;
}
