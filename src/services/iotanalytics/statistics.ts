// The size figures DescribeChannel/DescribeDatastore report with
// includeStatistics=true. The control plane only asks; the data plane
// (issue #5), which knows what channels and data stores hold, answers.
import type { Clock } from '../../lib/clock.ts';

export interface EstimatedSize {
  bytes: number;
  /** When the figure was taken (AWS estimates periodically, not per call). */
  estimatedOn: Date;
}

export interface ResourceStatistics {
  estimatedSize(resource: { kind: 'channel' | 'datastore'; region: string; name: string }): Promise<EstimatedSize>;
}

/** Until the data plane stores anything, every channel and data store is truly empty. */
export function emptyResourceStatistics(clock: Clock): ResourceStatistics {
  return { estimatedSize: async () => ({ bytes: 0, estimatedOn: clock.now() }) };
}

/** The `statistics.size` member of DescribeChannel and DescribeDatastore. */
export async function estimatedResourceSize(
  statistics: ResourceStatistics,
  resource: { kind: 'channel' | 'datastore'; region: string; name: string },
): Promise<{ estimatedSizeInBytes: number; estimatedOn: Date }> {
  const size = await statistics.estimatedSize(resource);
  return { estimatedSizeInBytes: size.bytes, estimatedOn: size.estimatedOn };
}
