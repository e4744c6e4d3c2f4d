// Hand-made requests for what the official clients refuse to send (broken
// JSON, wrong types, bad signatures). Signed by @smithy/signature-v4, the
// SDK's own signer, so our verifier is checked against an independent one.
import { request } from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

export interface RawOptions {
  method: string;
  path: string;
  query?: Record<string, string>;
  body?: string;
  /** Changes the body after signing. */
  tamperBody?: string;
  headers?: Record<string, string>;
  sign?: {
    accessKeyId: string;
    secretAccessKey: string;
    region?: string;
    service?: string;
    signingDate?: Date;
  };
}

export async function rawRequest(baseUrl: string, options: RawOptions): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  let headers: Record<string, string> = { host: url.host, ...options.headers };
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  if (options.sign) {
    const { accessKeyId, secretAccessKey, region = 'us-east-1', service = 'iotanalytics', signingDate } = options.sign;
    const signer = new SignatureV4({ credentials: { accessKeyId, secretAccessKey }, region, service, sha256: Sha256 });
    const signed = await signer.sign(
      { method: options.method, protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: options.path, query: options.query, headers, body: options.body },
      { signingDate },
    );
    headers = signed.headers as Record<string, string>;
  }
  const query = new URLSearchParams(options.query ?? {}).toString();
  const body = options.tamperBody ?? options.body;
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: options.method, path: options.path + (query ? `?${query}` : ''), headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode!, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
