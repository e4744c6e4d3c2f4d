// authorization: what IAM policy evaluation costs. The same DescribeChannel
// through the whole stack, signed by the account root (always allowed, no
// policy read), by an IAM user with an inline policy (its policies are read
// and evaluated), and by an assumed-role session with a session policy (the
// role's policies and the session policy are read and both evaluated).
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, IAMClient, PutRolePolicyCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { CreateChannelCommand, IoTAnalyticsClient } from '@aws-sdk/client-iotanalytics';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { writeBenchmarkSection } from './support/benchmarks-doc.ts';
import { runLoad } from './support/load.ts';
import { cpuMedian, machine, measure, median, signedGet, startServer, type Keys, type Measured } from './support/measure.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

const server = await startServer('oia');
try {
  const root = { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey };
  const config = { endpoint: server.url, region: 'us-east-1', credentials: root };
  const account = (await new STSClient(config).send(new GetCallerIdentityCommand({}))).Account!;
  await new IoTAnalyticsClient(config).send(new CreateChannelCommand({ channelName: 'bench' }));
  const iam = new IAMClient(config);
  const readOnly = policy(
    { Effect: 'Allow', Action: ['iotanalytics:Describe*', 'iotanalytics:List*'], Resource: '*' },
    { Effect: 'Deny', Action: 'iotanalytics:Delete*', Resource: '*' },
  );
  await iam.send(new CreateUserCommand({ UserName: 'reader' }));
  await iam.send(new PutUserPolicyCommand({
    UserName: 'reader',
    PolicyName: 'read',
    PolicyDocument: policy({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }, ...JSON.parse(readOnly).Statement),
  }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'reader' }))).AccessKey!;
  const user: Keys = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
  const trust = policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:user/reader` }, Action: 'sts:AssumeRole' });
  const { Role } = await iam.send(new CreateRoleCommand({ RoleName: 'operator', AssumeRolePolicyDocument: trust }));
  await iam.send(new PutRolePolicyCommand({ RoleName: 'operator', PolicyName: 'all', PolicyDocument: policy({ Effect: 'Allow', Action: 'iotanalytics:*', Resource: '*' }) }));
  const assumed = await new STSClient({ ...config, credentials: user }).send(
    new AssumeRoleCommand({ RoleArn: Role!.Arn, RoleSessionName: 'bench', Policy: readOnly }),
  );
  const session: Keys = {
    accessKeyId: assumed.Credentials!.AccessKeyId!,
    secretAccessKey: assumed.Credentials!.SecretAccessKey!,
    sessionToken: assumed.Credentials!.SessionToken!,
  };

  const callers = { root, 'IAM user (inline policy)': user, 'role session (session policy)': session };
  const requests = new Map<string, Buffer>();
  for (const [name, keys] of Object.entries(callers)) requests.set(name, await signedGet(server.url, keys, '/channels/bench'));
  for (const request of requests.values()) await runLoad(server.url, request, { connections: CONNECTIONS, seconds: 1 }); // warm-up

  const results = new Map<string, Measured[]>([...requests.keys()].map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, request] of requests) {
      const result = await measure(server, request, { connections: CONNECTIONS, seconds: SECONDS });
      results.get(name)!.push(result);
      process.stdout.write(`round ${round + 1} ${name}: ${Math.round(result.perSecond)} req/s\n`);
    }
  }
  const rootCpu = cpuMedian(results.get('root')!);
  const rows = [...results].map(([name, rs]) => {
    const cpu = cpuMedian(rs);
    const extra = cpu !== undefined && rootCpu !== undefined && name !== 'root' ? ` (+${Math.round(cpu - rootCpu)} µs)` : '';
    return `| ${name} | ${Math.round(median(rs).perSecond)} | ${rs.map((r) => Math.round(r.perSecond)).join(', ')} | ${cpu === undefined ? 'n/a' : `${Math.round(cpu)} µs${extra}`} |`;
  });
  writeBenchmarkSection(
    'authorization',
    [
      `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}.`,
      '',
      '| Caller | DescribeChannel req/s (median of rounds) | Rounds | Server CPU per request (median) |',
      '|---|---|---|---|',
      ...rows,
      '',
      'Method: `npm run bench -- authorization`. One server in a child process; the same load generator and',
      `replayed, once-signed requests as control-plane (${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s per caller after`,
      'a 1 s warm-up, callers alternating). Root is allowed without reading any policy; the IAM user\'s inline',
      'policy is read from SQLite and evaluated on every request (parsed documents are cached); the role session',
      'also reads its session policy (a second access-key lookup) and evaluates both.',
    ].join('\n'),
  );
} finally {
  server.child.kill('SIGTERM');
}
