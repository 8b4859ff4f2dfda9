/**
 * A light HTTP client for benchmarks that fire hundreds of requests at once from the same machine as
 * the servers: node:http with keep-alive instead of fetch (undici), whose per-request work took a
 * millisecond of CPU and so a share of the two cores the nodes and PostgreSQL under test need. What
 * is measured stays the same: from the call to the whole JSON answer read.
 */
import { Agent, request } from 'node:http';

const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

export interface Answer {
  status: number;
  body: any;
  headers: Record<string, string | string[] | undefined>;
  ms: number;
}

export function httpPost(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const t0 = performance.now();
  const payload = Buffer.from(JSON.stringify(body));
  return send(url, payload, headers, t0);
}

/**
 * One attempt. A kept-alive socket the server closed while it sat idle (its keep-alive timeout) is
 * reset when reused: the call never reached the server, so it is sent again on a fresh socket, as
 * browsers and node's own documentation do (only for a reused socket, before any answer byte). The
 * time still runs from the first attempt.
 */
function send(url: string, payload: Buffer, headers: Record<string, string>, t0: number, retried = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': String(payload.length), ...headers } }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        let parsed: unknown = null;
        try {
          parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          /* not JSON */
        }
        resolve({ status: res.statusCode ?? 0, body: parsed, headers: res.headers, ms: performance.now() - t0 });
      });
      res.on('error', reject);
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (!answered && !retried && req.reusedSocket && e.code === 'ECONNRESET') resolve(send(url, payload, headers, t0, true));
      else reject(e);
    });
    req.end(payload);
  });
}

/** Closes the kept-alive sockets (the bench process can then exit). */
export function closeHttpPost() {
  agent.destroy();
}
