// The one HTTP(S) listener for every service the server speaks. It reads a
// request off the socket (bounded), hands it to the pipeline and writes the
// answer back. Unsigned GET /health answers when the server is ready.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { Readable, pipeline } from 'node:stream';
import type { Logger } from '../lib/logger.ts';
import { parseQuery, type RawRequest, type RawResponse } from '../protocol/http-types.ts';

export interface RequestHandler {
  handle(req: RawRequest): Promise<RawResponse>;
}

export interface ListenerOptions {
  maxBodyBytes: number;
  tls?: { cert: Buffer; key: Buffer };
  logger: Logger;
}

export function createListener(handler: RequestHandler, options: ListenerOptions): Server {
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    serve(handler, options, req, res).catch((error) => {
      options.logger.error('listener failure', { error: String(error) });
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end();
    });
  };
  const server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, onRequest)
    : createHttpServer(onRequest);
  server.keepAliveTimeout = 65_000;
  return server;
}

async function serve(handler: RequestHandler, options: ListenerOptions, req: IncomingMessage, res: ServerResponse) {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const rawQuery = q < 0 ? '' : url.slice(q + 1);
  const headers = collectHeaders(req.rawHeaders);

  if (req.method === 'GET' && path === '/health' && headers['authorization'] === undefined && rawQuery === '') {
    req.resume();
    return write(res, { status: 200, headers: { 'content-type': 'application/json' }, body: '{"status":"ok"}' });
  }
  const body = await readBody(req, options.maxBodyBytes);
  if (body === undefined) {
    res.setHeader('connection', 'close');
    return write(res, {
      status: 413,
      headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'RequestEntityTooLargeException' },
      body: JSON.stringify({ __type: 'RequestEntityTooLargeException', message: `Request must be smaller than ${options.maxBodyBytes} bytes.` }),
    });
  }
  const socket = req.socket as TLSSocket;
  const raw: RawRequest = {
    method: req.method ?? 'GET',
    path,
    rawQuery,
    query: parseQuery(rawQuery),
    headers,
    body,
    remoteAddress: normaliseAddress(req.socket.remoteAddress),
    tls: socket.encrypted
      ? { version: socket.getProtocol() ?? '', cipherSuite: socket.getCipher()?.standardName ?? '' }
      : undefined,
  };
  write(res, await handler.handle(raw));
}

/** Header names lower-cased; repeated headers joined with ',' as SigV4 canonicalises them. */
function collectHeaders(rawHeaders: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    const value = rawHeaders[i + 1];
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  return headers;
}

const NO_BODY = Buffer.alloc(0);

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  // HTTP/1.1 (RFC 9112 §6.3): without Content-Length or Transfer-Encoding a request has no body.
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
    req.resume();
    return Promise.resolve(NO_BODY);
  }
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      return resolve(undefined);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function normaliseAddress(address: string | undefined): string {
  if (!address) return 'unknown';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

function write(res: ServerResponse, response: RawResponse): void {
  const { body } = response;
  if (body instanceof Readable) {
    res.writeHead(response.status, response.headers);
    // A failed read cuts the response short; a client that goes away releases the source.
    pipeline(body, res, () => undefined);
    return;
  }
  const headers = { ...response.headers };
  // An answer without a body says so, rather than streaming an empty chunked body.
  if (headers['content-length'] === undefined && response.status !== 204 && response.status !== 304) {
    headers['content-length'] = String(body === undefined ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.length);
  }
  res.writeHead(response.status, headers);
  // A string body goes out in one write together with the headers; node:http
  // sends a Buffer body as a second chunk (a writev), which costs a
  // noticeable share of a small request's time.
  res.end(body);
}
