// Reports what goes wrong in pipelines. AWS sent these to CloudWatch Logs at
// ERROR level when PutLoggingOptions enabled logging for the region; here
// they are JSON lines appended to <data-dir>/logs/iotanalytics.log under the
// same switch. The server's own log gets a warning for activity failures
// either way: whoever runs the server needs to know that a pipeline is stuck
// (docs/FIDELITY.md, "Pipeline errors and logging").
import type { LoggingOptions } from '@aws-sdk/client-iotanalytics';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Clock } from '../../../../lib/clock.ts';
import type { Logger } from '../../../../lib/logger.ts';
import type { SqlExecutor } from '../../../../storage/db/database.ts';
import { formatNote, type ActivityReport, type PipelineActivityError } from '../../pipeline-engine/index.ts';
import { resourceStore } from '../../resources/resource-store.ts';

export interface PipelineEvent {
  region: string;
  pipelineName: string;
  /** Set for a reprocessing run. */
  reprocessingId?: string;
}

export class PipelineLog {
  constructor(
    private readonly db: SqlExecutor,
    private readonly file: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** An activity failed its batch; the batch is kept and tried again. */
  async activityFailed(event: PipelineEvent, error: PipelineActivityError, messages: number, retryInMs: number): Promise<void> {
    const fields = { ...event, activityName: error.activityName, errorCode: error.code, messages, retryInMs };
    this.logger.warn(`pipeline activity failed: ${error.message}`, fields);
    await this.write(event.region, { ...fields, message: error.message });
  }

  /** The pipeline cannot store its output (e.g. its data store does not exist). */
  async cannotStore(event: PipelineEvent, message: string, retryInMs: number): Promise<void> {
    this.logger.warn(`pipeline cannot store messages: ${message}`, { ...event, retryInMs });
    await this.write(event.region, { ...event, errorCode: 'DATASTORE_FAILURE', message });
  }

  /** Messages an activity dropped or left as they were, with the reason (e.g. a payload that is not JSON). */
  async notes(event: PipelineEvent, reports: readonly ActivityReport[]): Promise<void> {
    const noted = reports.filter((r) => r.notes.length > 0);
    if (noted.length === 0) return;
    for (const report of noted) {
      for (const note of report.notes) {
        await this.write(event.region, { ...event, activityName: report.name, errorCode: 'ACTIVITY_NOTE', message: formatNote(note), messages: note.count });
      }
    }
  }

  private async write(region: string, entry: Record<string, unknown>): Promise<void> {
    const options = await resourceStore.loggingOptions<LoggingOptions>(this.db, region);
    if (!options?.enabled) return;
    const line = JSON.stringify({ time: this.clock.now().toISOString(), level: options.level ?? 'ERROR', ...entry });
    try {
      await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
      await appendFile(this.file, line + '\n', { mode: 0o600 });
    } catch (error) {
      this.logger.error('cannot write the pipeline log', { file: this.file, error: String(error) });
    }
  }
}
