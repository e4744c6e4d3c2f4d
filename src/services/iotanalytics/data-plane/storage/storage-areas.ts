// Which area a channel or data store writes to, and under which key prefix
// (reference §5.1: the raw layout `channel/<name>/…`, under the customer's
// keyPrefix when the storage is customer-managed; data stores likewise under
// `datastore/<name>/`).
import type { ChannelStorage, DatastoreStorage } from '@aws-sdk/client-iotanalytics';
import { join } from 'node:path';
import type { Buckets } from '../../../../storage/buckets/buckets.ts';
import { BucketArea, FolderArea, type ObjectArea } from './object-area.ts';

export interface ResourceLocation {
  area: ObjectArea;
  /** Ends in '/': `[keyPrefix]channel/<name>/` or `[keyPrefix]datastore/<name>/`. */
  prefix: string;
  customerManaged: boolean;
}

export class StorageAreas {
  private readonly areas = new Map<string, ObjectArea>();

  constructor(
    /** <data-dir>/iotanalytics: service-managed storage, one folder per region. */
    private readonly root: string,
    private readonly buckets: Buckets,
  ) {}

  forChannel(region: string, name: string, storage: ChannelStorage): ResourceLocation {
    const bucket = storage.customerManagedS3;
    if (bucket?.bucket) return this.inBucket(bucket.bucket, `${bucket.keyPrefix ?? ''}channel/${name}/`);
    return { area: this.service(region), prefix: `channel/${name}/`, customerManaged: false };
  }

  forDatastore(region: string, name: string, storage: DatastoreStorage): ResourceLocation {
    const bucket = storage.customerManagedS3 ?? storage.iotSiteWiseMultiLayerStorage?.customerManagedS3Storage;
    if (bucket?.bucket) return this.inBucket(bucket.bucket, `${bucket.keyPrefix ?? ''}datastore/${name}/`);
    return { area: this.service(region), prefix: `datastore/${name}/`, customerManaged: false };
  }

  /** The area an iota_pending_objects row names. */
  byId(id: string): ObjectArea {
    const [kind, name] = [id.slice(0, id.indexOf(':')), id.slice(id.indexOf(':') + 1)];
    if (kind === 'service') return this.service(name);
    if (kind === 'bucket') return this.bucketArea(name);
    throw new Error(`Unknown object area ${id}`);
  }

  private inBucket(bucket: string, prefix: string): ResourceLocation {
    return { area: this.bucketArea(bucket), prefix, customerManaged: true };
  }

  private service(region: string): ObjectArea {
    return this.cached(`service:${region}`, () => new FolderArea(region, join(this.root, region), join(this.root, '.staging')));
  }

  private bucketArea(bucket: string): ObjectArea {
    return this.cached(`bucket:${bucket}`, () => new BucketArea(this.buckets, bucket));
  }

  private cached(id: string, make: () => ObjectArea): ObjectArea {
    let area = this.areas.get(id);
    if (!area) {
      area = make();
      this.areas.set(id, area);
    }
    return area;
  }
}
