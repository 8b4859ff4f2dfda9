import net from 'node:net';

/**
 * A TCP proxy in front of the test PostgreSQL that reads the frontend protocol and, once armed,
 * breaks the connection at the next statement whose text matches: before the statement reaches the
 * database ("before") or after the database answered it, dropping that answer ("after"). This is the
 * network fault nobody can tell apart from the inside: did the COMMIT happen or not?
 */
export type CutMode = 'before' | 'after';

interface Armed {
  match: RegExp;
  mode: CutMode;
  /** "after": how long the database's answer is held back before the connection breaks. */
  holdMs: number;
  /** Only a statement on a connection that ran a statement matching this since arming. */
  within?: RegExp;
  done: (statement: string) => void;
}

const STARTUP = 196608;

export class CommitCutter {
  private server = net.createServer((client) => this.pipe(client));
  private armed: Armed | undefined;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  /** Only the app's own connections are cut (not pg-boss's, whose work would hit the same statements). */
  constructor(
    private readonly target: { host: string; port: number },
    private readonly application = 'heimplatzboerse',
  ) {}

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  /** The database URL through the proxy. */
  url(databaseUrl: string): string {
    const u = new URL(databaseUrl);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  /**
   * Breaks the next statement matching `match` (with `within`: the next on a connection that ran a
   * statement matching `within`, e.g. the COMMIT of the transaction that inserted a certain row);
   * resolves once the cut happened.
   */
  arm(match: RegExp, mode: CutMode, opts: { holdMs?: number; within?: RegExp } = {}): Promise<string> {
    return new Promise((resolve) => (this.armed = { match, mode, holdMs: opts.holdMs ?? 0, within: opts.within, done: resolve }));
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private pipe(client: net.Socket) {
    const db = net.connect(this.target.port, this.target.host);
    this.sockets.add(client).add(db);
    const end = () => {
      client.destroy();
      db.destroy();
      this.sockets.delete(client);
      this.sockets.delete(db);
    };
    client.on('error', end).on('close', end);
    db.on('error', end).on('close', end);
    const statements = new Map<string, string>(); // prepared statement name → text
    let started = false;
    let application = '';
    let pending = Buffer.alloc(0);
    let cutOnReply: Armed | undefined;
    let dropping = false;
    let primed: Armed | undefined; // the armed cut this connection ran the `within` statement for

    db.on('data', (chunk: Buffer) => {
      if (!cutOnReply) return void client.write(chunk);
      const armed = cutOnReply;
      cutOnReply = undefined;
      // the database has answered the statement; the answer never arrives
      db.pause();
      dropping = true;
      setTimeout(() => {
        end();
        armed.done('after');
      }, Math.max(50, armed.holdMs));
    });

    client.on('data', (chunk: Buffer) => {
      if (dropping) return;
      pending = Buffer.concat([pending, chunk]);
      let forward = 0;
      for (;;) {
        const headerLen = started ? 5 : 4;
        if (pending.length - forward < headerLen) break;
        const len = started ? pending.readInt32BE(forward + 1) + 1 : pending.readInt32BE(forward);
        if (pending.length - forward < len) break;
        const msg = pending.subarray(forward, forward + len);
        if (!started) {
          if (msg.readInt32BE(4) === STARTUP) {
            started = true;
            const params = msg.subarray(8).toString('utf8').split('\0');
            const at = params.indexOf('application_name');
            application = at >= 0 ? params[at + 1]! : '';
          }
        } else {
          const text = this.statementOf(msg, statements);
          const armed = this.armed;
          if (text !== undefined && armed?.within && application === this.application && armed.within.test(text)) primed = armed;
          const mine = armed && (!armed.within || primed === armed);
          if (text !== undefined && armed && mine && application === this.application && armed.match.test(text)) {
            this.armed = undefined;
            if (armed.mode === 'before') {
              if (forward > 0) db.write(pending.subarray(0, forward));
              // nothing more reaches the database; the socket closes once the client's writes of
              // this tick are done (postgres.js throws from a write queued on a socket already gone)
              dropping = true;
              setTimeout(() => {
                end();
                armed.done(text);
              }, 50);
              return;
            }
            cutOnReply = armed;
          }
        }
        forward += len;
      }
      if (forward > 0) db.write(pending.subarray(0, forward));
      pending = pending.subarray(forward);
    });
  }

  /** The SQL text a frontend message runs (simple query, or the Bind of a parsed statement). */
  private statementOf(msg: Buffer, statements: Map<string, string>): string | undefined {
    const type = String.fromCharCode(msg[0]!);
    const body = msg.subarray(5);
    const cstrings = (n: number) => {
      const out: string[] = [];
      let at = 0;
      for (let i = 0; i < n; i++) {
        const zero = body.indexOf(0, at);
        out.push(body.subarray(at, zero).toString('utf8'));
        at = zero + 1;
      }
      return out;
    };
    if (type === 'Q') return cstrings(1)[0];
    if (type === 'P') {
      const [name, query] = cstrings(2);
      statements.set(name!, query!);
      return undefined;
    }
    if (type === 'B') return statements.get(cstrings(2)[1]!);
    return undefined;
  }
}
