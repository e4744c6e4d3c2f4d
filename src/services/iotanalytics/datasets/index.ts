// The dataset query engine's public surface: running Athena SQL on DuckDB,
// schedule expressions, delta windows and late-data detection. The dataset
// control plane (operations, versions, triggers) builds on these.

// Running a dataset's SQL
export {
  DatasetQueryEngine,
  type DatasetQueryEngineOptions,
  type DatasetQueryRequest,
  type DatasetQueryResult,
} from './query/engine.ts';
export { dataStoreScan, type DataStoreFiles } from './query/data-store-scan.ts';
export { writeDataStoreFiles, writeSyntheticDataStore, type FileFormat, type SyntheticDataStore } from './query/data-store-fixtures.ts';
export { DatasetQueryError, type QueryErrorName, type SqlPosition } from './sql/query-error.ts';
export { translateQuery, type TableResolver, type TranslateOptions } from './sql/translate.ts';

// Schedules
export {
  minimumIntervalMinutes,
  nextFireTime,
  parseSchedule,
  previousFireTime,
  type Schedule,
} from './schedule/schedule.ts';
export { ScheduleExpressionError } from './schedule/schedule-error.ts';

// Delta windows and late data
export { computeDeltaWindow, type DeltaTime, type DeltaWindow, type DeltaWindowInput } from './delta/delta-window.ts';
export { versionsWithLateData, type VersionWindow } from './delta/late-data.ts';
