// What every kind of resource shares: lookup by exact name, creation with the
// name-conflict and quota checks, update and delete. Runs inside the
// operation's transaction (or on the reader for lookups).
import type { Quotas } from '../../../config/schema.ts';
import type { SqlExecutor } from '../../../storage/db/database.ts';
import { resourceArn, type ResourceKind } from '../arns.ts';
import { errors } from '../errors.ts';
import { resourceStore, type StoredResource } from './resource-store.ts';
import { addTags, type TagPair } from './tags.ts';

const LABELS: Record<ResourceKind, { one: string; many: string; quota: keyof Quotas }> = {
  channel: { one: 'channel', many: 'channels', quota: 'channels' },
  datastore: { one: 'data store', many: 'data stores', quota: 'datastores' },
  pipeline: { one: 'pipeline', many: 'pipelines', quota: 'pipelines' },
  dataset: { one: 'dataset', many: 'datasets', quota: 'datasets' },
};

export interface Where {
  region: string;
  accountId: string;
}

export function notFound(name: string) {
  return errors.notFound(`A resource with the name ${name} cannot be found.`);
}

export async function requireResource<C>(db: SqlExecutor, region: string, kind: ResourceKind, name: string): Promise<StoredResource<C>> {
  const found = await resourceStore.find<C>(db, region, kind, name);
  if (!found) throw notFound(name);
  return found;
}

export interface NewResource<C> {
  kind: ResourceKind;
  name: string;
  config: C;
  tags: TagPair[];
  at: Date;
}

export async function createResource<C>(tx: SqlExecutor, quotas: Quotas, where: Where, r: NewResource<C>): Promise<StoredResource<C>> {
  const label = LABELS[r.kind];
  const existing = await resourceStore.findFolded(tx, where.region, r.kind, r.name);
  if (existing) throw errors.alreadyExists(`A ${label.one} named ${existing.name} already exists.`, existing.name, existing.arn);
  const limit = quotas[label.quota];
  if ((await resourceStore.count(tx, where.region, r.kind)) >= limit) {
    throw errors.limitExceeded(`You have reached the limit of ${limit} ${label.many}.`);
  }
  const resource: StoredResource<C> = {
    region: where.region,
    kind: r.kind,
    name: r.name,
    arn: resourceArn(r.kind, where.region, where.accountId, r.name),
    config: r.config,
    createdAt: r.at,
    updatedAt: r.at,
  };
  await resourceStore.insert(tx, resource);
  await addTags(tx, resource.arn, r.tags, quotas.tagsPerResource);
  return resource;
}

export async function replaceConfig<C>(tx: SqlExecutor, resource: StoredResource<C>, config: C, at: Date): Promise<void> {
  await resourceStore.update(tx, { ...resource, config, updatedAt: at });
}

/** Deletes a resource and its tags. Pipelines or datasets that name it are left as they are (docs/FIDELITY.md). */
export async function deleteResource(tx: SqlExecutor, region: string, kind: ResourceKind, name: string): Promise<void> {
  const resource = await requireResource(tx, region, kind, name);
  await resourceStore.delete(tx, resource.arn);
}
