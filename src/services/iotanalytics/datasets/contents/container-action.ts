// containerAction without a container registry (docs/FIDELITY.md,
// "Datasets"): the image URI is mapped in the configuration to a local
// executable, which is run with what AWS gave the container. AWS mounted a
// params file at /opt/ml/input/data/iotanalytics/params shaped
//   {"Context": {"OutputUris": {name: uri}}, "Variables": {name: value}}
// Here the same JSON is written to a file named by IOTANALYTICS_PARAMS_FILE;
// output files are local paths (the run's output folder) instead of S3
// URIs, and what the executable writes there becomes the version's entries.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ContainersConfig } from '../../../../config/schema.ts';
import type { SqlExecutor } from '../../../../storage/db/database.ts';
import type { DatasetConfig } from '../../resources/dataset.ts';
import { contentStore, type ContentEntry, type DatasetContent } from './content-store.ts';
import { ContentFailure } from './content-failure.ts';
import { ResultsBucket } from './results-bucket.ts';

/** How much of a failing executable's stderr the reason keeps (its end, where errors are). */
const STDERR_TAIL_CHARS = 1000;

export interface ContainerActionDeps {
  db: SqlExecutor;
  config: ContainersConfig;
  results: ResultsBucket;
}

export async function runContainerAction(
  deps: ContainerActionDeps,
  content: DatasetContent,
  config: DatasetConfig,
  workDir: string,
  signal: AbortSignal,
): Promise<ContentEntry[]> {
  const action = config.actions[0].containerAction!;
  const image = action.image!;
  const executable = deps.config.images[image];
  if (!executable) {
    throw new ContentFailure(
      `No local executable is mapped to the image ${image}. Map it in the configuration file: ` +
        `{"datasets": {"containers": {"images": {"${image}": "/path/to/executable"}}}}, or in OIA_CONTAINER_IMAGES.`,
    );
  }
  const outputDir = join(workDir, 'output');
  await mkdir(outputDir, { recursive: true });
  const variables: Record<string, string | number> = {};
  const outputUris: Record<string, string> = {};
  for (const v of action.variables ?? []) {
    if (v.stringValue !== undefined) variables[v.name!] = v.stringValue;
    else if (v.doubleValue !== undefined) variables[v.name!] = v.doubleValue;
    else if (v.datasetContentVersionValue) {
      const source = v.datasetContentVersionValue.datasetName!;
      const latest = await contentStore.latest(deps.db, { region: content.region, dataset: source }, true);
      if (!latest) throw new ContentFailure(`Variable ${v.name}: dataset ${source} has no succeeded content version.`);
      variables[v.name!] = latest.versionId;
    } else if (v.outputFileUriValue) {
      const path = join(outputDir, v.outputFileUriValue.fileName!);
      variables[v.name!] = path;
      outputUris[v.name!] = path;
    }
  }
  const paramsFile = join(workDir, 'params');
  await writeFile(paramsFile, JSON.stringify({ Context: { OutputUris: outputUris }, Variables: variables }));
  await execute(executable, image, {
    cwd: workDir,
    timeoutMs: deps.config.timeoutMs,
    signal,
    env: {
      ...process.env,
      IOTANALYTICS_PARAMS_FILE: paramsFile,
      IOTANALYTICS_OUTPUT_DIR: outputDir,
      IOTANALYTICS_DATASET_NAME: content.dataset,
      IOTANALYTICS_DATASET_CONTENT_VERSION: content.versionId,
    },
  });
  const entries: ContentEntry[] = [];
  for (const v of action.variables ?? []) {
    const fileName = v.outputFileUriValue?.fileName;
    if (!fileName) continue;
    const path = join(outputDir, fileName);
    if (!existsSync(path)) throw new ContentFailure(`The container did not write the output file ${fileName} (variable ${v.name}).`);
    const key = ResultsBucket.outputKey(content.versionId, fileName);
    await deps.results.putFile(key, path, 'application/octet-stream');
    entries.push({ entryName: fileName, key });
  }
  return entries;
}

function execute(
  executable: string,
  image: string,
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number; signal: AbortSignal },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(executable, [], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'ignore', 'pipe'], signal: options.signal });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL_CHARS);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new ContentFailure(`The executable ${executable} mapped to the image ${image} could not be run: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve();
      // Say it was our limit that stopped it, not just "SIGKILL": that is what the user can change.
      const how = timedOut
        ? `did not finish within ${options.timeoutMs} ms (datasets.containers.timeoutMs) and was stopped`
        : code !== null
          ? `exited with code ${code}`
          : `was stopped by ${signal}`;
      reject(new ContentFailure(`The container ${image} (${executable}) ${how}${stderr ? `: ${stderr.trim()}` : ''}`));
    });
  });
}
