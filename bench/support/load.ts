// A lean HTTP/1.1 load generator: N keep-alive connections, each sending the
// same request bytes again as soon as the previous answer is complete (no
// pipelining). It parses only the status line and Content-Length, so it costs
// far less CPU per request than node:http's client and measures the server,
// not itself, as far as one client process can.
import { connect, type Socket } from 'node:net';

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  statuses: Record<number, number>;
}

const HEADER_END = Buffer.from('\r\n\r\n');

export function runLoad(url: string, request: Buffer, options: { connections: number; seconds: number }): Promise<LoadResult> {
  const { hostname, port } = new URL(url);
  const statuses: Record<number, number> = {};
  let requests = 0;
  let running = true;
  const sockets: Socket[] = [];
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    for (let i = 0; i < options.connections; i++) {
      const socket = connect(Number(port), hostname);
      socket.setNoDelay(true);
      sockets.push(socket);
      let buffer: Buffer = Buffer.alloc(0);
      socket.on('connect', () => socket.write(request));
      socket.on('error', reject);
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
          requests++;
          buffer = buffer.subarray(total);
          if (running) socket.write(request);
        }
      });
    }
    setTimeout(() => {
      running = false;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      for (const s of sockets) s.destroy();
      resolve({ requests, seconds, perSecond: requests / seconds, statuses });
    }, options.seconds * 1000);
  });
}
