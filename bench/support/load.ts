// A lean HTTP/1.1 load generator: N keep-alive connections, each sending the
// next request's bytes as soon as the previous answer is complete (no
// pipelining). It parses only the status line and Content-Length, so it costs
// far less CPU per request than node:http's client and measures the server,
// not itself, as far as one client process can.
import { connect, type Socket } from 'node:net';

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  statuses: Record<number, number>;
  /** Milliseconds from writing each request to reading its whole answer (with `recordLatency`). */
  latencies?: number[];
}

export interface LoadOptions {
  connections: number;
  /** Stop after this long... */
  seconds: number;
  /** ...or after this many requests, whichever comes first. */
  maxRequests?: number;
  recordLatency?: boolean;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** Sends `request` (or the requests in turn) over keep-alive connections. */
export function runLoad(url: string, request: Buffer | Buffer[], options: LoadOptions): Promise<LoadResult> {
  const { hostname, port } = new URL(url);
  const requests = Array.isArray(request) ? request : [request];
  const statuses: Record<number, number> = {};
  const latencies: number[] | undefined = options.recordLatency ? [] : undefined;
  const limit = options.maxRequests ?? Infinity;
  let sent = 0;
  let answered = 0;
  let running = true;
  const sockets: Socket[] = [];
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const finish = () => {
      if (!running && sockets.length === 0) return;
      running = false;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      for (const s of sockets.splice(0)) s.destroy();
      clearTimeout(timer);
      resolve({ requests: answered, seconds, perSecond: answered / seconds, statuses, latencies });
    };
    for (let i = 0; i < options.connections; i++) {
      const socket = connect(Number(port), hostname);
      socket.setNoDelay(true);
      sockets.push(socket);
      let buffer: Buffer = Buffer.alloc(0);
      let sentAt = 0n;
      const send = () => {
        if (!running || sent >= limit) return;
        sentAt = process.hrtime.bigint();
        socket.write(requests[sent++ % requests.length]);
      };
      socket.on('connect', send);
      socket.on('error', (error) => (running ? reject(error) : undefined));
      socket.on('data', (chunk: Buffer) => {
        buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
        for (;;) {
          const end = buffer.indexOf(HEADER_END);
          if (end < 0) return;
          const head = buffer.subarray(0, end).toString('latin1');
          const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
          const total = end + 4 + length;
          if (buffer.length < total) return;
          const status = Number(head.slice(9, 12));
          statuses[status] = (statuses[status] ?? 0) + 1;
          latencies?.push(Number(process.hrtime.bigint() - sentAt) / 1e6);
          answered++;
          buffer = buffer.subarray(total);
          if (answered >= limit) return finish();
          send();
        }
      });
    }
    const timer = setTimeout(finish, options.seconds * 1000);
  });
}
