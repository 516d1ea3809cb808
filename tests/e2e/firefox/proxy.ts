/**
 * A local forward proxy that sends every hostname Firefox asks for to the in-process sandbox (Firefox has
 * no host-resolver rules). `CONNECT host:443` is piped to the sandbox's port (it speaks HTTP and HTTPS on
 * one port); an absolute-form HTTP request is re-sent to the sandbox with its Host header. Firefox's own
 * service hosts are refused so a test never reaches the internet.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';

const REFUSED = /(^|\.)(mozilla\.(com|org|net)|firefox\.(com|settings\.services\.mozilla\.com)|mozaws\.net|mozgcp\.net|services\.mozilla\.com|cdn\.mozilla\.net|digicert\.com|amazontrust\.com|ocsp\.[a-z0-9.-]+)$/i;

export interface ProxyHandle {
  port: number;
  /** Hosts that were refused (Firefox's own services). */
  refused: string[];
  close(): Promise<void>;
}

export async function startProxy(sandboxPort: number): Promise<ProxyHandle> {
  const refused: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (REFUSED.test(url.hostname)) {
      refused.push(url.hostname);
      res.writeHead(403).end();
      return;
    }
    const upstream = request(
      { host: '127.0.0.1', port: sandboxPort, method: req.method, path: url.pathname + url.search, headers: { ...req.headers, host: url.host } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const host = (req.url ?? '').replace(/:\d+$/, '');
    if (REFUSED.test(host)) {
      refused.push(host);
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const up = connect(sandboxPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) up.write(head);
      up.pipe(client);
      client.pipe(up);
    });
    sockets.add(up).add(client);
    const drop = () => {
      up.destroy();
      client.destroy();
      sockets.delete(up);
      sockets.delete(client);
    };
    up.on('error', drop).on('close', drop);
    client.on('error', drop).on('close', drop);
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    refused,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
