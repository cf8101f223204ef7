/**
 * A tiny forward proxy on 127.0.0.1 for tests: plain HTTP requests in absolute form are forwarded
 * with an `x-through-proxy` header (so the target can tell them from direct ones), and CONNECT
 * tunnels are opened for HTTPS. It counts what it handled.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export class TestProxy {
  forwarded = 0;
  tunnels = 0;

  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<TestProxy> {
    let proxy: TestProxy | undefined;
    const server = http.createServer((request, response) => {
      proxy!.forwarded += 1;
      const target = new URL(request.url ?? '');
      const upstream = http.request(
        { hostname: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: request.method, headers: { ...request.headers, host: target.host, 'x-through-proxy': '1' } },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      upstream.on('error', () => response.writeHead(502).end());
      request.pipe(upstream);
    });
    server.on('connect', (request, socket, head) => {
      proxy!.tunnels += 1;
      const [host, port] = (request.url ?? '').split(':');
      const upstream = net.connect(Number(port), host, () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
    });
    proxy = new TestProxy(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
