// oia credentials --data-dir DIR: shell export lines for the root access key.
import { parseArgs } from 'node:util';
import { readAccount, type Account } from '../identity/account.ts';

export function exportLines(account: Account, region: string): string[] {
  return [
    `export AWS_ACCESS_KEY_ID=${account.rootAccessKeyId}`,
    `export AWS_SECRET_ACCESS_KEY=${account.rootSecretAccessKey}`,
    `export AWS_DEFAULT_REGION=${region}`,
  ];
}

export async function credentialsCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { 'data-dir': { type: 'string' }, region: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    process.stdout.write('usage: oia credentials [--data-dir DIR] [--region R]\n\nPrints `export` lines for the root access key.\n');
    return 0;
  }
  const dataDir = values['data-dir'] ?? process.env.OIA_DATA_DIR ?? './oia-data';
  const account = readAccount(dataDir);
  if (!account) {
    process.stderr.write(`oia credentials: no account in ${dataDir}; start 'oia serve --data-dir ${dataDir}' once first\n`);
    return 1;
  }
  process.stdout.write(exportLines(account, values.region ?? 'us-east-1').join('\n') + '\n');
  return 0;
}
