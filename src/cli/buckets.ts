// oia buckets create NAME [--region R] | oia buckets list: a client of the
// server's S3 API like any other (the official S3 client, SigV4 with the root
// key of --data-dir or the AWS_* environment), not a side door into storage.
import { parseArgs } from 'node:util';
import { CreateBucketCommand, GetBucketLocationCommand, ListBucketsCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { loadConfig } from '../config/load.ts';
import { readAccount } from '../identity/account.ts';

const USAGE = `usage: oia buckets create NAME [--region R] [options]
       oia buckets list [options]

  --endpoint-url URL  the server (default http://127.0.0.1:8686)
  --data-dir DIR      sign with the root key kept there (default: AWS_ACCESS_KEY_ID and
                      AWS_SECRET_ACCESS_KEY if set, else ./oia-data or OIA_DATA_DIR)
  --region R          Region of the new bucket, and to sign for (default us-east-1)
  --config FILE       the server's config file: list also shows its remote buckets
`;

export async function bucketsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'endpoint-url': { type: 'string' },
      'data-dir': { type: 'string' },
      region: { type: 'string' },
      config: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const [action, name] = positionals;
  if (values.help || !action) {
    (values.help ? process.stdout : process.stderr).write(USAGE);
    return values.help ? 0 : 2;
  }
  const region = values.region ?? 'us-east-1';
  // The SDK warns on every run that its 2027 releases will need Node 22; the project runs on Node 20.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const client = new S3Client({
    endpoint: values['endpoint-url'] ?? 'http://127.0.0.1:8686',
    region,
    forcePathStyle: true,
    credentials: credentials(values['data-dir']),
  });
  try {
    if (action === 'create' && name) {
      await client.send(new CreateBucketCommand({ Bucket: name }));
      process.stdout.write(`created s3://${name} in ${region}\n`);
      return 0;
    }
    if (action === 'list') {
      const lines = await listLines(client);
      const remotes = values.config ? loadConfig({ config: values.config }, {}).buckets : [];
      for (const b of remotes) lines.push([b.name, b.region, '-', `remote ${b.endpoint ?? 'AWS'}`]);
      process.stdout.write(lines.map((cells) => cells.join('\t') + '\n').join(''));
      return 0;
    }
  } catch (error) {
    const code = error instanceof S3ServiceException ? `${error.name}: ` : '';
    process.stderr.write(`oia buckets ${action}: ${code}${(error as Error).message}\n`);
    return 1;
  } finally {
    client.destroy();
  }
  process.stderr.write(USAGE);
  return 2;
}

async function listLines(client: S3Client): Promise<string[][]> {
  const { Buckets = [] } = await client.send(new ListBucketsCommand({}));
  return Promise.all(
    Buckets.map(async (b) => {
      const { LocationConstraint } = await client.send(new GetBucketLocationCommand({ Bucket: b.Name! }));
      return [b.Name!, LocationConstraint ?? 'us-east-1', b.CreationDate?.toISOString() ?? '-', 'local'];
    }),
  );
}

function credentials(dataDir: string | undefined): { accessKeyId: string; secretAccessKey: string; sessionToken?: string } {
  const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, OIA_DATA_DIR } = process.env;
  if (dataDir === undefined && AWS_ACCESS_KEY_ID && AWS_SECRET_ACCESS_KEY) {
    return { accessKeyId: AWS_ACCESS_KEY_ID, secretAccessKey: AWS_SECRET_ACCESS_KEY, sessionToken: AWS_SESSION_TOKEN };
  }
  const dir = dataDir ?? OIA_DATA_DIR ?? './oia-data';
  const account = readAccount(dir);
  if (!account) throw new Error(`no account in ${dir}; pass --data-dir, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY`);
  return { accessKeyId: account.rootAccessKeyId, secretAccessKey: account.rootSecretAccessKey };
}
