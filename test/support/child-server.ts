// `oia serve` as a child process on a data directory with a JSON config: for
// tests that kill the server (crash tests) and for benchmarks (the server on
// its own CPU, as in production).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Account } from '../../src/identity/account.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ChildServer {
  child: ChildProcess;
  url: string;
  account: Account;
  /** Options for any @aws-sdk client: endpoint, region, root credentials. */
  clientConfig(): { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string }; maxAttempts: number };
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

export function serveChild(dataDir: string, config: object, logLevel = 'error'): Promise<ChildServer> {
  const configFile = join(dataDir, 'config.json');
  writeFileSync(configFile, JSON.stringify(config));
  const child = spawn(process.execPath, ['bin/oia.js', 'serve', '--port', '0', '--data-dir', dataDir, '--config', configFile, '--log-level', logLevel], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (!url) return;
      const account = JSON.parse(readFileSync(join(dataDir, 'account.json'), 'utf8')) as Account;
      resolve({
        child,
        url,
        account,
        clientConfig: () => ({
          endpoint: url,
          region: 'us-east-1',
          credentials: { accessKeyId: account.rootAccessKeyId, secretAccessKey: account.rootSecretAccessKey },
          maxAttempts: 1,
        }),
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`oia serve exited with ${code} before listening: ${out}`)));
  });
}
