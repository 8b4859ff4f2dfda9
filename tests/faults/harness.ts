import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';
import type { EventEnvelope } from '../../shared/events';
import { connectSocket, type RealtimeClient } from '../../client/src/lib/socket';
import { startAppNode, type AppNode } from '../bench/nodes';

/** App nodes of a fault test: started as separate processes, stopped by their PID, exits recorded. */
export class Fleet {
  readonly nodes = new Map<string, AppNode>();
  /** Exits the test did not cause: must stay empty. */
  readonly unexpectedExits: string[] = [];
  private readonly stopping = new Set<string>();

  constructor(
    private readonly databaseUrl: string,
    private readonly env: Record<string, string> = {},
  ) {}

  async start(name: string, env: Record<string, string> = {}): Promise<AppNode> {
    const node = await startAppNode(this.databaseUrl, { DATABASE_POOL_SIZE: '8', JOBS_POLL_SECONDS: '0.5', ...this.env, ...env });
    node.child.once('exit', (code, signal) => {
      if (!this.stopping.has(name)) this.unexpectedExits.push(`${name} exited (${code ?? signal})`);
    });
    this.nodes.set(name, node);
    return node;
  }

  url(name: string): string {
    return this.nodes.get(name)!.url;
  }

  /** SIGTERM (a deploy): the node drains and exits by itself. */
  async sigterm(name: string): Promise<void> {
    this.stopping.add(name);
    await this.nodes.get(name)!.stop();
    this.nodes.delete(name);
  }

  /** kill -9: the node dies mid-work. */
  kill9(name: string): void {
    this.stopping.add(name);
    this.nodes.get(name)!.child.kill('SIGKILL');
    this.nodes.delete(name);
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.nodes.keys()].map((n) => this.sigterm(n)));
  }
}

export interface Session {
  cookie: string;
  csrf: string;
}

export async function loginAt(url: string, email: string, password: string): Promise<Session> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: String(res.headers.get('set-cookie')).split(';')[0], csrf: body.csrfToken };
}

export interface Answer {
  status: number;
  ms: number;
  code?: string;
  retryAfter?: string | null;
  body: any;
  at: number;
  /** `METHOD /path` of the call. */
  route?: string;
}

/** One HTTP call with the session; a call that gets no answer in 15 s counts as a hang (status 0). */
export async function call(url: string, s: Session, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const t0 = Date.now();
  try {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    const json = text ? JSON.parse(text) : null;
    return { status: res.status, ms: Date.now() - t0, code: json?.error?.code, retryAfter: res.headers.get('retry-after'), body: json, at: t0, route: `${method} ${path}` };
  } catch (e) {
    return { status: (e as Error).name === 'TimeoutError' ? -1 : 0, ms: Date.now() - t0, body: String(e), at: t0, route: `${method} ${path}` };
  }
}

/** Calls `fn` over and over from `n` loops until `stop()`; every answer is kept. */
export function load(n: number, fn: (i: number) => Promise<Answer>) {
  const answers: Answer[] = [];
  let running = true;
  const loops = Array.from({ length: n }, async (_, i) => {
    while (running) {
      answers.push(await fn(i));
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  return {
    answers,
    async stop() {
      running = false;
      await Promise.all(loops);
      return answers;
    },
  };
}

/** The web client's own socket code (client/src/lib/socket.ts), run in Node with a session cookie. */
export function watch(url: string, s: Session) {
  const events: EventEnvelope[] = [];
  /** When each seq arrived (ms since the epoch): how long a client waited for it. */
  const receivedAt = new Map<number, number>();
  const statuses: string[] = [];
  const client: RealtimeClient = connectSocket({
    url,
    options: { extraHeaders: { cookie: s.cookie }, reconnectionDelay: 200, reconnectionDelayMax: 1000, forceNew: true },
    onEvent: (e) => {
      events.push(e);
      if (!receivedAt.has(e.seq)) receivedAt.set(e.seq, Date.now());
    },
    onStatus: (st) => statuses.push(st),
    onSessionEnded: () => statuses.push('ended'),
  });
  const online = () =>
    new Promise<void>((resolve, reject) => {
      const t = setInterval(() => {
        if (statuses.at(-1) === 'online') {
          clearInterval(t);
          clearTimeout(timer);
          resolve();
        }
      }, 20);
      const timer = setTimeout(() => {
        clearInterval(t);
        reject(new Error('socket not online'));
      }, 10_000);
    });
  return { events, receivedAt, statuses, client, online, close: () => client.close() };
}

/** Seqs received more than once, and committed seqs never received. */
export function compare(received: EventEnvelope[], committed: number[]) {
  const seqs = received.map((e) => e.seq);
  const repeated = seqs.filter((s, i) => seqs.indexOf(s) !== i);
  const missed = committed.filter((s) => !seqs.includes(s));
  const unexpected = seqs.filter((s) => !committed.includes(s));
  return { repeated, missed, unexpected };
}

/** A TCP load balancer in front of the nodes: each new connection goes to the next node that accepts it. */
export class Balancer {
  private server?: Server;
  private next = 0;
  private readonly open = new Set<Socket>();
  backends: { host: string; port: number }[] = [];
  port = 0;

  setNodes(urls: string[]) {
    this.backends = urls.map((u) => ({ host: new URL(u).hostname, port: Number(new URL(u).port) }));
  }

  async start(): Promise<string> {
    this.server = createServer((down) => {
      this.open.add(down);
      down.on('close', () => this.open.delete(down));
      down.on('error', () => {});
      down.pause();
      const tryAt = (k: number) => {
        if (k >= this.backends.length) return down.destroy();
        const b = this.backends[(this.next + k) % this.backends.length];
        const up = tcpConnect(b.port, b.host);
        const refused = () => tryAt(k + 1);
        up.once('error', refused);
        up.once('connect', () => {
          up.off('error', refused);
          this.next++;
          up.on('error', () => down.destroy());
          down.on('error', () => up.destroy());
          up.on('close', () => down.destroy());
          down.on('close', () => up.destroy());
          down.pipe(up).pipe(down);
          down.resume();
        });
      };
      tryAt(0);
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.port = (this.server.address() as { port: number }).port;
    return `http://127.0.0.1:${this.port}`;
  }

  async stop() {
    this.open.forEach((s) => s.destroy());
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
