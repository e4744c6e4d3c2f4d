// Helpers for the identity suites: official IAM and STS clients against a
// test server, and IAM users with keys and policies made through the API.
import { execFile } from 'node:child_process';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { STSClient, type Credentials as StsCredentials } from '@aws-sdk/client-sts';
import type { TestServer } from '../support/server.ts';

export interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface ClientOptions {
  /** Milliseconds the test server's ManualClock is ahead, so signatures stay in step. */
  clockOffset?: number;
}

function config(server: TestServer, keys?: Keys, options: ClientOptions = {}) {
  return { ...server.clientConfig(keys ? { credentials: keys } : {}), systemClockOffset: options.clockOffset ?? 0 };
}

export const iamClient = (server: TestServer, keys?: Keys, options?: ClientOptions) => new IAMClient(config(server, keys, options));
export const stsClient = (server: TestServer, keys?: Keys, options?: ClientOptions) => new STSClient(config(server, keys, options));

export function keysOf(credentials: StsCredentials | undefined): Keys {
  return { accessKeyId: credentials!.AccessKeyId!, secretAccessKey: credentials!.SecretAccessKey!, sessionToken: credentials!.SessionToken! };
}

export function policyDocument(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** Creates an IAM user (as root) with an access key and, optionally, one inline policy. */
export async function userWithKey(server: TestServer, userName: string, policy?: string): Promise<Keys> {
  const iam = iamClient(server);
  await iam.send(new CreateUserCommand({ UserName: userName }));
  if (policy) await iam.send(new PutUserPolicyCommand({ UserName: userName, PolicyName: 'inline', PolicyDocument: policy }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
  json?: any;
}

/**
 * Runs Debian's AWS CLI v2 against the server, as root or with the given keys.
 * Asynchronously: the server runs in this process and must keep answering.
 */
export function awsCli(server: TestServer, args: string[], keys?: Keys): Promise<CliResult> {
  const env = { ...server.cliEnv() };
  if (keys) {
    env.AWS_ACCESS_KEY_ID = keys.accessKeyId;
    env.AWS_SECRET_ACCESS_KEY = keys.secretAccessKey;
    if (keys.sessionToken) env.AWS_SESSION_TOKEN = keys.sessionToken;
  }
  return new Promise((resolve) => {
    execFile('/usr/bin/aws', ['--endpoint-url', server.url, '--output', 'json', ...args], { env, encoding: 'utf8' }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ status, stdout, stderr, json: status === 0 && stdout.trim() ? JSON.parse(stdout) : undefined });
    });
  });
}
