// AWS models several "exactly one of" choices as plain structures (a channel's
// storage, a trigger, an activity), so the model cannot enforce them; these
// helpers do, with AWS's wording where it is documented.
import { errors } from '../errors.ts';

/** The names of the members that are set. */
export function setMembers(value: object): string[] {
  return Object.entries(value)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k]) => k);
}

/** The one member that is set, or InvalidRequestException with `message`. */
export function exactlyOne(value: object, message: string): string {
  const set = setMembers(value);
  if (set.length !== 1) throw errors.invalidRequest(message);
  return set[0];
}

/** The first value that occurs twice, compared as `key` gives them. */
export function firstDuplicate<T>(values: T[], key: (value: T) => string = String): T | undefined {
  const seen = new Set<string>();
  for (const value of values) {
    const k = key(value);
    if (seen.has(k)) return value;
    seen.add(k);
  }
  return undefined;
}
