// Tags on users and roles. Keys are unique without regard to case; the model
// already limits their number, length and characters.
import type { Tag } from '@aws-sdk/client-iam';
import { errors } from './errors.ts';

export function checkTags(tags: Tag[] | undefined): Tag[] {
  const list = (tags ?? []).map((t) => ({ Key: t.Key!, Value: t.Value! }));
  const keys = new Set(list.map((t) => t.Key.toLowerCase()));
  if (keys.size !== list.length) throw errors.invalidInput('Duplicate tag keys found. Please note that Tag keys are case insensitive.');
  return list;
}
