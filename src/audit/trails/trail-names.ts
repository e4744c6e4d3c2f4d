// Trail names and ARNs (reference §4.4). Every Name/TrailName argument
// accepts a trail name or its ARN; the messages are AWS's as moto copies them.

export const TRAIL_ARN = /^arn:aws:cloudtrail:([a-z0-9-]+):(\d{12}):trail\/(.+)$/;

/** Why `name` is not a valid trail name, or undefined when it is. */
export function trailNameProblem(name: string): string | undefined {
  if (name.length < 3) return `Trail name too short. Minimum allowed length: 3 characters. Specified name length: ${name.length} characters.`;
  if (name.length > 128) return `Trail name too long. Maximum allowed length: 128 characters. Specified name length: ${name.length} characters.`;
  if (!/^[A-Za-z0-9]/.test(name)) return 'Trail name must starts with a letter or number.';
  if (!/[A-Za-z0-9]$/.test(name)) return 'Trail name must ends with a letter or number.';
  if (!/^[A-Za-z0-9._-]+$/.test(name)) {
    return 'Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_).';
  }
  if (/[._-]{2}/.test(name)) return 'Trail name cannot have an underscore, period, or hyphen next to another underscore, period, or hyphen.';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'Trail name cannot be formatted as an IP address.';
  return undefined;
}

export function trailArn(region: string, accountId: string, name: string): string {
  return `arn:aws:cloudtrail:${region}:${accountId}:trail/${name}`;
}

/** A Name argument: an ARN (anything starting with "arn:") or a plain name. */
export type TrailReference = { arn: string; name: string } | { name: string; arn?: undefined } | { invalidArn: string };

export function parseTrailReference(value: string): TrailReference {
  if (!value.startsWith('arn:')) return { name: value };
  const match = TRAIL_ARN.exec(value);
  return match ? { arn: value, name: match[3] } : { invalidArn: value };
}
