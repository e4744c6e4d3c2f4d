// Helpers for dataset-content tests: a channel → pipeline → data store chain
// fed through BatchPutMessage, and waiting for a version to finish.
import {
  BatchPutMessageCommand,
  CreateChannelCommand,
  CreateDatastoreCommand,
  CreatePipelineCommand,
  GetDatasetContentCommand,
  type GetDatasetContentResponse,
} from '@aws-sdk/client-iotanalytics';
import { json, readDatastore } from './data-plane.ts';
import { eventually } from './eventually.ts';
import type { TestServer } from './server.ts';

/** Creates `<name>_channel` → `<name>_pipeline` → data store `<name>` (Parquet unless told). */
export async function createChain(server: TestServer, name: string, format: 'parquet' | 'json' = 'parquet'): Promise<void> {
  const iota = server.iotanalytics();
  await iota.send(new CreateChannelCommand({ channelName: `${name}_channel` }));
  await iota.send(
    new CreateDatastoreCommand({
      datastoreName: name,
      fileFormatConfiguration: format === 'parquet' ? { parquetConfiguration: {} } : { jsonConfiguration: {} },
    }),
  );
  await iota.send(
    new CreatePipelineCommand({
      pipelineName: `${name}_pipeline`,
      pipelineActivities: [
        { channel: { name: 'in', channelName: `${name}_channel`, next: 'out' } },
        { datastore: { name: 'out', datastoreName: name } },
      ],
    }),
  );
}

/** Sends messages through BatchPutMessage and waits until the data store holds `expectRows` rows. */
export async function ingest(server: TestServer, name: string, messages: object[], expectRows: number): Promise<void> {
  const iota = server.iotanalytics();
  for (let i = 0; i < messages.length; i += 100) {
    const batch = messages.slice(i, i + 100).map((m, j) => ({ messageId: String(i + j), payload: json(m) }));
    await iota.send(new BatchPutMessageCommand({ channelName: `${name}_channel`, messages: batch }));
  }
  await eventually(async () => (await readDatastore(server, name)).length === expectRows, `${expectRows} rows in ${name}`);
}

/** Polls GetDatasetContent until the version is no longer CREATING. */
export function finished(server: TestServer, datasetName: string, versionId: string): Promise<GetDatasetContentResponse> {
  return eventually(async () => {
    const content = await server.iotanalytics().send(new GetDatasetContentCommand({ datasetName, versionId }));
    return content.status?.state === 'CREATING' ? undefined : content;
  }, `version ${versionId} of ${datasetName} to finish`);
}
