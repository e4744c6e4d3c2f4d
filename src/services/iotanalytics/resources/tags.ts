// Tags on channels, data stores, pipelines and datasets. A repeated key
// overwrites the earlier value (user guide); keys starting with `aws:` are
// AWS's own; a resource carries at most `quotas.tagsPerResource` tags.
import type { Tag } from '@aws-sdk/client-iotanalytics';
import type { SqlExecutor } from '../../../storage/db/database.ts';
import { parseResourceArn } from '../arns.ts';
import { errors } from '../errors.ts';
import { resourceStore, type StoredResource } from './resource-store.ts';

export interface TagPair {
  key: string;
  value: string;
}

export function tagPairs(tags: Tag[] | undefined): TagPair[] {
  const pairs = (tags ?? []).map((t) => ({ key: t.key!, value: t.value! }));
  const reserved = pairs.find((t) => t.key.toLowerCase().startsWith('aws:'));
  if (reserved) throw errors.invalidRequest(`Tag keys starting with 'aws:' are reserved for AWS use: ${reserved.key}`);
  return pairs;
}

export async function addTags(tx: SqlExecutor, arn: string, tags: TagPair[], limit: number): Promise<void> {
  if (tags.length === 0) return;
  const keys = new Set((await resourceStore.tags(tx, arn)).map((t) => t.key));
  for (const t of tags) keys.add(t.key);
  if (keys.size > limit) throw errors.limitExceeded(`A resource can have at most ${limit} tags.`);
  await resourceStore.putTags(tx, arn, tags);
}

/** The resource an ARN names, in the caller's account and region. */
export async function taggedResource(
  db: SqlExecutor,
  where: { region: string; accountId: string },
  arn: string,
): Promise<StoredResource<unknown>> {
  const parsed = parseResourceArn(arn);
  if (!parsed) throw errors.invalidRequest(`Invalid resource ARN: ${arn}`);
  const found = parsed.region === where.region && parsed.accountId === where.accountId
    ? await resourceStore.findByArn(db, arn)
    : undefined;
  if (!found) throw errors.notFound(`A resource with the ARN ${arn} cannot be found.`);
  return found;
}
