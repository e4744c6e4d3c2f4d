// Which versions a dataset keeps (user guide, "Keeping multiple versions of
// datasets"): retentionPeriod bounds their age (90 days by default) and
// versioningConfiguration their number. Without versioning only the latest
// and the latest succeeded version are kept; with maxVersions the newest N;
// with unlimited, all. Versions still being generated are never purged.
import type { DatasetConfig } from '../../resources/dataset.ts';
import type { DatasetContent } from './content-store.ts';

const DAY_MS = 86_400_000;

/** The versions to purge now; `contents` oldest first. */
export function versionsToPurge(contents: readonly DatasetContent[], config: DatasetConfig, now: Date): DatasetContent[] {
  const retention = config.retentionPeriod;
  const cutoff = retention.unlimited ? -Infinity : now.getTime() - (retention.numberOfDays ?? 90) * DAY_MS;
  const newestFirst = [...contents].reverse();
  const keep = new Set<DatasetContent>();
  const versioning = config.versioningConfiguration;
  if (versioning?.unlimited) newestFirst.forEach((c) => keep.add(c));
  else if (versioning?.maxVersions !== undefined) newestFirst.slice(0, versioning.maxVersions).forEach((c) => keep.add(c));
  else {
    if (newestFirst[0]) keep.add(newestFirst[0]);
    const succeeded = newestFirst.find((c) => c.state === 'SUCCEEDED');
    if (succeeded) keep.add(succeeded);
  }
  return contents.filter((c) => c.state !== 'CREATING' && (!keep.has(c) || c.creationTime.getTime() < cutoff));
}
