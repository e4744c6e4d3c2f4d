// What IoT Analytics operations are built with.
import type { Quotas } from '../../config/schema.ts';
import type { PageTokens } from '../../lib/page-token.ts';
import type { Database } from '../../storage/db/database.ts';
import type { DataPlane } from './data-plane/data-plane.ts';
import type { DatasetContentService } from './datasets/contents/dataset-contents.ts';
import type { ResourceStatistics } from './statistics.ts';

export interface IotAnalyticsDeps {
  db: Database;
  quotas: Quotas;
  tokens: PageTokens;
  statistics: ResourceStatistics;
  dataPlane: DataPlane;
  datasetContents: DatasetContentService;
}
