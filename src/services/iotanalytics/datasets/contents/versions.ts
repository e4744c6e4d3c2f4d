// Which version a request means: a version id, `$LATEST` (the newest) or
// `$LATEST_SUCCEEDED` (the newest that succeeded, the default of
// GetDatasetContent and DeleteDatasetContent).
import type { SqlExecutor } from '../../../../storage/db/database.ts';
import { errors } from '../../errors.ts';
import { contentStore, type DatasetContent, type DatasetRef } from './content-store.ts';

export const LATEST = '$LATEST';
export const LATEST_SUCCEEDED = '$LATEST_SUCCEEDED';

async function findVersion(db: SqlExecutor, ref: DatasetRef, versionId = LATEST_SUCCEEDED): Promise<DatasetContent | undefined> {
  if (versionId === LATEST) return contentStore.latest(db, ref, false);
  if (versionId === LATEST_SUCCEEDED) return contentStore.latest(db, ref, true);
  return contentStore.find(db, ref, versionId);
}

export async function requireVersion(db: SqlExecutor, ref: DatasetRef, versionId = LATEST_SUCCEEDED): Promise<DatasetContent> {
  const content = await findVersion(db, ref, versionId);
  if (!content) throw errors.notFound(`Dataset content version ${versionId} of dataset ${ref.dataset} cannot be found.`);
  return content;
}
