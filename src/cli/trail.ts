// oia trail validate: `aws cloudtrail validate-logs` for this server, with
// the same walk, lines, summary and exit codes (audit/integrity/validation),
// as a client of the server's APIs: DescribeTrails and ListPublicKeys from its
// CloudTrail API, digests and log files from its S3 API, or, for a bucket the
// server's config file declares remote, from that S3-compatible service.
import { parseArgs } from 'node:util';
import { CloudTrailClient, CloudTrailServiceException, DescribeTrailsCommand, ListPublicKeysCommand } from '@aws-sdk/client-cloudtrail';
import { S3ServiceException } from '@aws-sdk/client-s3';
import { ParamValidationError } from '../audit/integrity/validation/dates.ts';
import { ServiceCallError, type BucketReader } from '../audit/integrity/validation/sources.ts';
import { validateLogs, type ValidateLogsSources, type ValidationOutput } from '../audit/integrity/validation/validate-logs.ts';
import { loadConfig } from '../config/load.ts';
import { BucketStoreError } from '../storage/buckets/bucket-store.ts';
import { RemoteBucketStore, type RemoteConnection } from '../storage/buckets/remote/remote-bucket-store.ts';
import { credentials } from './events/client.ts';

const USAGE = `usage: oia trail validate --trail-arn ARN --start-time T [--end-time T] [options]

  Validates the trail's log files with its digest files, as
  'aws cloudtrail validate-logs' does. Exit code: 0 when all are valid, 1 when
  something is INVALID, 252 for bad arguments, 254 when the server answers an error.

  --trail-arn ARN      the trail (arn:aws:cloudtrail:REGION:ACCOUNT:trail/NAME)
  --start-time T       validate files delivered from T (UTC, e.g. 2024-05-01T00:00:00Z)
  --end-time T         ... until T (default now)
  --s3-bucket B        read the files from B instead of the trail's bucket
  --s3-prefix P        ... with this key prefix
  --account-id ID      the account the files belong to (default: the ARN's)
  --verbose            also list every valid file
  --region R           the Region whose digests to validate (default: the trail's home Region)

connection:
  --endpoint-url URL   the server (default http://127.0.0.1:8686)
  --data-dir DIR       sign with the root key kept there (default: AWS_ACCESS_KEY_ID and
                       AWS_SECRET_ACCESS_KEY if set, else ./oia-data or OIA_DATA_DIR)
  --config FILE        the server's config file: its remote buckets are read directly
`;

export async function trailCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'validate') {
    (sub === '--help' ? process.stdout : process.stderr).write(USAGE);
    return sub === '--help' ? 0 : 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      'trail-arn': { type: 'string' },
      'start-time': { type: 'string' },
      'end-time': { type: 'string' },
      's3-bucket': { type: 'string' },
      's3-prefix': { type: 'string' },
      'account-id': { type: 'string' },
      verbose: { type: 'boolean' },
      region: { type: 'string' },
      'endpoint-url': { type: 'string' },
      'data-dir': { type: 'string' },
      config: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const missing = ['trail-arn', 'start-time'].filter((name) => values[name as 'trail-arn'] === undefined);
  if (missing.length > 0) {
    process.stderr.write(`\nthe following arguments are required: ${missing.map((m) => `--${m}`).join(', ')}\n`);
    return 252;
  }
  const trailArn = values['trail-arn']!;
  // The digests of this Region are walked; awscli takes the CLI's Region, we default to the trail's home.
  const region = values.region ?? (trailArn.split(':')[3] || 'us-east-1');
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const keys = credentials({ dataDir: values['data-dir'], env: process.env });
  const connection: RemoteConnection = { endpoint: values['endpoint-url'] ?? 'http://127.0.0.1:8686', region, forcePathStyle: true, ...keys };
  const remotes = values.config ? loadConfig({ config: values.config }, {}).buckets : [];
  const cloudtrail = new CloudTrailClient({ endpoint: connection.endpoint, region, credentials: keys, maxAttempts: 3 });
  const server = new RemoteBucketStore(connection);
  const stores = new Map<string, BucketReader>();
  const sources: ValidateLogsSources = {
    storeFor: (bucket) => {
      if (!stores.has(bucket)) {
        const remote = remotes.find((b) => b.name === bucket);
        stores.set(bucket, reporting(remote ? new RemoteBucketStore(remote) : server));
      }
      return stores.get(bucket)!;
    },
    publicKeys: (start, end) =>
      call('ListPublicKeys', async () => {
        const { PublicKeyList = [] } = await cloudtrail.send(new ListPublicKeysCommand({ StartTime: start, EndTime: end }));
        return PublicKeyList.map((k) => ({ fingerprint: k.Fingerprint!, value: k.Value! }));
      }),
    findTrail: (arn) =>
      call('DescribeTrails', async () => {
        const { trailList = [] } = await cloudtrail.send(new DescribeTrailsCommand({}));
        const trail = trailList.find((t) => t.TrailARN === arn);
        return trail && { bucket: trail.S3BucketName!, prefix: trail.S3KeyPrefix };
      }),
  };
  const out = terminalOutput();
  try {
    const result = await validateLogs(
      sources,
      {
        trailArn,
        startTime: values['start-time']!,
        endTime: values['end-time'],
        s3Bucket: values['s3-bucket'],
        s3Prefix: values['s3-prefix'],
        accountId: values['account-id'],
        region,
        verbose: values.verbose,
        now: new Date(),
      },
      out,
    );
    out.done();
    return result.exitCode;
  } catch (error) {
    out.done();
    // awscli's error handlers: argument errors 252, service errors 254, anything else 255.
    process.stderr.write(`\n${(error as Error).message}\n`);
    return error instanceof ParamValidationError ? 252 : error instanceof ServiceCallError ? 254 : 255;
  } finally {
    cloudtrail.destroy();
  }
}

/** Runs a call, turning a service's error answer into botocore's ClientError text. */
async function call<T>(operation: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (error instanceof CloudTrailServiceException || error instanceof S3ServiceException) throw new ServiceCallError(operation, error.name, error.message);
    if (error instanceof BucketStoreError && error.code !== 'NoSuchKey') throw new ServiceCallError(operation, error.code, error.message);
    throw error;
  }
}

function reporting(store: BucketReader): BucketReader {
  return {
    listObjects: (bucket, options) => call('ListObjects', () => store.listObjects(bucket, options)),
    getObject: (bucket, key, options) => call('GetObject', () => store.getObject(bucket, key, options)),
  };
}

/** stdout and stderr, with a progress bar on stderr while the walk runs, when stderr is a terminal. */
function terminalOutput(): ValidationOutput & { done(): void } {
  let bar = false;
  const clear = () => {
    if (bar) process.stderr.write('\r\x1b[K');
    bar = false;
  };
  return {
    stdout: (text) => {
      clear();
      process.stdout.write(text);
    },
    stderr: (text) => {
      clear();
      process.stderr.write(text);
    },
    progress: process.stderr.isTTY
      ? (fraction) => {
          const width = 30;
          const filled = Math.round(fraction * width);
          process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(fraction * 100)}%`);
          bar = true;
        }
      : undefined,
    done: clear,
  };
}
