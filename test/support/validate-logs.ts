// Running both validators against a test server: Debian's
// `aws cloudtrail validate-logs` (awscli 2.9 sends only its CloudTrail client
// to --endpoint-url; a legacy CLI plugin gives its S3 clients the server's
// endpoint, reference §6.7) and our `oia trail validate`.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exec, type Execution } from './exec.ts';

const OIA = fileURLToPath(new URL('../../bin/oia.js', import.meta.url));

// Wraps session.create_client so that an S3 client created without an endpoint goes to OIA_S3_ENDPOINT.
const PLUGIN = `import os

def awscli_initialize(cli):
    cli.register('session-initialized', _redirect_s3)

def _redirect_s3(session, **kwargs):
    create_client = session.create_client
    def create(service_name, *args, **kw):
        if service_name == 's3' and not kw.get('endpoint_url'):
            kw['endpoint_url'] = os.environ['OIA_S3_ENDPOINT']
        return create_client(service_name, *args, **kw)
    session.create_client = create
`;

let pluginConfig: string | undefined;

/** An AWS_CONFIG_FILE that loads the plugin (written once per test process). */
function awsConfigWithPlugin(): string {
  if (!pluginConfig) {
    const dir = mkdtempSync(join(tmpdir(), 'oia-awscli-plugin-'));
    writeFileSync(join(dir, 's3ep.py'), PLUGIN);
    pluginConfig = join(dir, 'config');
    writeFileSync(pluginConfig, `[plugins]\ncli_legacy_plugin_path = ${dir}\ns3ep = s3ep\n`);
  }
  return pluginConfig;
}

export interface ValidatorTarget {
  url: string;
  /** The environment with the server's credentials and Region (TestServer.cliEnv()). */
  env: NodeJS.ProcessEnv;
}

/** `aws cloudtrail validate-logs ARGS` with CloudTrail and S3 both on the server. */
export function awsValidateLogs(target: ValidatorTarget, args: string[]): Promise<Execution> {
  return exec('/usr/bin/aws', ['cloudtrail', 'validate-logs', '--endpoint-url', target.url, ...args], {
    ...target.env,
    AWS_CONFIG_FILE: awsConfigWithPlugin(),
    OIA_S3_ENDPOINT: target.url,
  });
}

/** `oia trail validate ARGS` against the server. */
export function oiaTrailValidate(target: ValidatorTarget, args: string[]): Promise<Execution> {
  return exec(process.execPath, [OIA, 'trail', 'validate', '--endpoint-url', target.url, ...args], target.env);
}
