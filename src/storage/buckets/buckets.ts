// Which store holds a bucket: a bucket declared remote (config file `buckets`)
// lives in its S3-compatible service; every other bucket is local. Services
// that write objects (trails, channels and data stores with customer-managed
// storage, dataset contents) resolve the bucket here and use the store.
import type { BucketStore } from './bucket-store.ts';
import type { LocalBucketStore } from './local/local-bucket-store.ts';
import { RemoteBucketStore, type RemoteConnection } from './remote/remote-bucket-store.ts';

export interface RemoteBucketConfig extends RemoteConnection {
  /** The bucket's name, as users address it (and as the remote service knows it). */
  name: string;
}

export class Buckets {
  private readonly remotes = new Map<string, { config: RemoteBucketConfig; store: BucketStore }>();

  constructor(
    readonly local: LocalBucketStore,
    remotes: RemoteBucketConfig[] = [],
    connect: (connection: RemoteConnection) => BucketStore = (c) => new RemoteBucketStore(c),
  ) {
    // One client per distinct connection, shared by the buckets declared with it.
    const clients = new Map<string, BucketStore>();
    for (const config of remotes) {
      if (this.remotes.has(config.name)) throw new Error(`Bucket ${config.name} is declared twice`);
      const { name: _name, ...connection } = config;
      const id = JSON.stringify(connection);
      if (!clients.has(id)) clients.set(id, connect(connection));
      this.remotes.set(config.name, { config, store: clients.get(id)! });
    }
  }

  /** The store that holds this bucket (whether or not the bucket exists yet). */
  storeFor(bucket: string): BucketStore {
    return this.remotes.get(bucket)?.store ?? this.local;
  }

  /** The declaration of a remote bucket, undefined for local buckets. */
  remote(bucket: string): RemoteBucketConfig | undefined {
    return this.remotes.get(bucket)?.config;
  }

  remoteBuckets(): RemoteBucketConfig[] {
    return [...this.remotes.values()].map((r) => r.config);
  }
}
