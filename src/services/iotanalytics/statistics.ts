// What the control plane reports about the data channels and data stores
// hold: the size DescribeChannel/DescribeDatastore return with
// includeStatistics=true, and lastMessageArrivalTime. The data plane, which
// knows what they hold, answers (data-plane/data-plane.ts).

export interface EstimatedSize {
  bytes: number;
  /** When the figure was taken. */
  estimatedOn: Date;
}

export interface StatisticsSubject {
  kind: 'channel' | 'datastore';
  region: string;
  name: string;
}

export interface ResourceStatistics {
  estimatedSize(resource: StatisticsSubject): Promise<EstimatedSize>;
  /** When the last message arrived in the channel (or was stored in the data store); undefined before any. */
  lastMessageArrival(resource: StatisticsSubject): Promise<Date | undefined>;
}

/** The `statistics.size` member of DescribeChannel and DescribeDatastore. */
export async function estimatedResourceSize(
  statistics: ResourceStatistics,
  resource: StatisticsSubject,
): Promise<{ estimatedSizeInBytes: number; estimatedOn: Date }> {
  const size = await statistics.estimatedSize(resource);
  return { estimatedSizeInBytes: size.bytes, estimatedOn: size.estimatedOn };
}
