// Tag rules shared by CreateTrail and AddTags (reference §4.2): at most 50
// tags a trail, keys unique within a request (lengths are model constraints).
import type { Tag } from '@aws-sdk/client-cloudtrail';
import { errors } from '../errors.ts';

export const MAX_TAGS = 50;

export function checkTags(tags: Tag[]): void {
  const keys = tags.map((t) => t.Key!);
  const duplicate = keys.find((key, i) => keys.indexOf(key) !== i);
  if (duplicate !== undefined) throw errors.invalidTagParameter(`Tag key ${duplicate} is given more than once.`);
}
