/**
 * Which agent carries Telegram's traffic for each kind of proxy, and a download through one.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { SocksProxyAgent } from 'socks-proxy-agent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getStream, proxyAgentFor } from '../../src/infra/proxy.js';
import { TestProxy } from '../support/http-proxy.js';

describe('proxyAgentFor', () => {
  it.each<[string, string | undefined, string, unknown]>([
    ['no proxy: direct', undefined, 'https://api.telegram.org', undefined],
    ['an HTTP proxy to an https API: CONNECT tunnel', 'http://10.0.0.1:3128', 'https://api.telegram.org', HttpsProxyAgent],
    ['an HTTP proxy to an http API (a self-hosted Bot API server): forwarding', 'http://10.0.0.1:3128', 'http://127.0.0.1:8081', HttpProxyAgent],
    ['a SOCKS5 proxy', 'socks5://127.0.0.1:1080', 'https://api.telegram.org', SocksProxyAgent],
    ['a SOCKS5h proxy (names resolved by the proxy)', 'socks5h://127.0.0.1:1080', 'https://api.telegram.org', SocksProxyAgent],
  ])('%s', async (_label, proxy, target, kind) => {
    const agent = await proxyAgentFor(proxy, target);
    if (kind === undefined) expect(agent).toBeUndefined();
    else expect(agent).toBeInstanceOf(kind as new (...args: never[]) => unknown);
  });
});

describe('getStream through a proxy', () => {
  let server: http.Server;
  let proxy: TestProxy;
  const seen: (string | undefined)[] = [];
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      seen.push(request.headers['x-through-proxy'] as string | undefined);
      if (request.url === '/missing') response.writeHead(404).end();
      else response.end('ảnh minh chứng');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy = await TestProxy.start();
  });
  afterAll(async () => {
    await proxy.stop();
    await new Promise((resolve) => server.close(resolve));
  });

  it('downloads the bytes through the proxy, and fails clearly on an HTTP error', async () => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const stream = await getStream(`${base}/file`, await proxyAgentFor(proxy.url, base));
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString('utf8')).toBe('ảnh minh chứng');
    expect(seen).toEqual(['1']);
    await expect(getStream(`${base}/missing`, await proxyAgentFor(proxy.url, base))).rejects.toThrow('download failed with HTTP 404');
  });
});
