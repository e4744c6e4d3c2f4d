// S3 clients for a test server: the JS SDK (path-style, as with any custom
// endpoint) and Debian's AWS CLI / boto3 run as child processes.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { S3Client, S3ServiceException, type S3ClientConfig } from '@aws-sdk/client-s3';
import type { TestServer } from '../support/server.ts';

export function s3Client(server: TestServer, overrides: Parameters<TestServer['clientConfig']>[0] & Partial<S3ClientConfig> = {}): S3Client {
  return new S3Client({ ...server.clientConfig(overrides), forcePathStyle: true, ...overrides });
}

/** The error a call fails with (extra XML elements of S3's error are properties of it). */
export function failure(promise: Promise<unknown>): Promise<S3ServiceException & Record<string, unknown>> {
  return promise.then(
    () => assert.fail('expected the call to fail'),
    (error) => error as S3ServiceException & Record<string, unknown>,
  );
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs Debian's `aws` with the server's endpoint and root key. */
export function aws(server: TestServer, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return run('/usr/bin/aws', ['--endpoint-url', server.url, ...args], { ...server.cliEnv(), ...env });
}

/** Runs a boto3 script (Debian's python3) with BUCKET_ENDPOINT set to the server. */
export function python(server: TestServer, script: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return run('/usr/bin/python3', ['-c', script], { ...server.cliEnv(), S3_ENDPOINT: server.url, ...env });
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout: stdout.toString(), stderr: stderr.toString() });
    });
  });
}
