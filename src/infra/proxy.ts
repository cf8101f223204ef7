/**
 * An outgoing proxy for the Telegram client, for networks where Telegram is blocked: an HTTP(S)
 * proxy (HTTPS_PROXY) tunnels with CONNECT, a SOCKS proxy (socks5://…) through socks-proxy-agent.
 */
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';

/**
 * The agent that reaches `target` (an API root) through `proxy`; none without a proxy. The agent
 * packages are loaded only when a proxy is set (they cost start-up time everywhere else).
 */
export async function proxyAgentFor(proxy: string | undefined, target: string): Promise<http.Agent | undefined> {
  if (!proxy) return undefined;
  if (/^socks/i.test(proxy)) return new (await import('socks-proxy-agent')).SocksProxyAgent(proxy);
  return new URL(target).protocol === 'http:' ? new (await import('http-proxy-agent')).HttpProxyAgent(proxy) : new (await import('https-proxy-agent')).HttpsProxyAgent(proxy);
}

/** GETs a URL as a stream, through `agent` when given (node's fetch takes no agent). */
export function getStream(url: string, agent: http.Agent | undefined, timeoutMs = 60_000): Promise<Readable> {
  const client = new URL(url).protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const request = client.get(url, { agent, timeout: timeoutMs }, (response) => {
      if ((response.statusCode ?? 0) >= 400) {
        response.resume();
        reject(new Error(`download failed with HTTP ${response.statusCode}`));
        return;
      }
      resolve(response);
    });
    request.on('timeout', () => request.destroy(new Error('download timed out')));
    request.on('error', reject);
  });
}
