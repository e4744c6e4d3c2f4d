// Starts a real server in this process on a random port with a fresh data
// directory, and builds official SDK clients pointed at it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { IoTAnalyticsClient } from '@aws-sdk/client-iotanalytics';
import { createApp, type App } from '../../src/app.ts';
import { DEFAULTS, type Config } from '../../src/config/schema.ts';
import type { Clock } from '../../src/lib/clock.ts';
import { createLogger } from '../../src/lib/logger.ts';

export interface TestServer {
  app: App;
  url: string;
  dataDir: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Options for any @aws-sdk client: endpoint, region, root credentials. */
  clientConfig(overrides?: { credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }; region?: string }): {
    endpoint: string;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
    maxAttempts: number;
  };
  iotanalytics(overrides?: Parameters<TestServer['clientConfig']>[0]): IoTAnalyticsClient;
  cloudtrail(overrides?: Parameters<TestServer['clientConfig']>[0]): CloudTrailClient;
  /** Environment for running Debian's aws CLI or boto3 against the server. */
  cliEnv(): NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

export async function startServer(options: { config?: Partial<Config>; clock?: Clock } = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'oia-test-'));
  const config: Config = { ...DEFAULTS, port: 0, dataDir, logLevel: 'silent', ...options.config };
  const app = await createApp({ config, clock: options.clock, logger: createLogger(process.env.OIA_TEST_LOG ? 'debug' : 'silent') });
  const { url } = await app.listen();
  const region = 'us-east-1';
  const credentials = { accessKeyId: app.account.rootAccessKeyId, secretAccessKey: app.account.rootSecretAccessKey };
  const clientConfig: TestServer['clientConfig'] = (overrides = {}) => ({
    endpoint: url,
    region: overrides.region ?? region,
    credentials: overrides.credentials ?? credentials,
    maxAttempts: 1,
  });
  return {
    app,
    url,
    dataDir,
    region,
    credentials,
    clientConfig,
    iotanalytics: (overrides) => new IoTAnalyticsClient(clientConfig(overrides)),
    cloudtrail: (overrides) => new CloudTrailClient(clientConfig(overrides)),
    cliEnv: () => ({
      ...process.env,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_DEFAULT_REGION: region,
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_PAGER: '',
    }),
    stop: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
