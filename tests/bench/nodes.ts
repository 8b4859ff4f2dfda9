import { pathToFileURL } from 'node:url';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(import.meta.dirname, '..', '..');
/** The app nodes' session secret (search-service.ts looks their sessions up with it). */
export const BENCH_SESSION_SECRET = 'bench-secret-bench-secret-bench-secret-00';

export interface AppNode {
  url: string;
  /** The app process's own id (the one that serves; for its memory). */
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a separate app process (a second "node") on the given database; stopped by its PID. */
export async function startAppNode(databaseUrl: string, env: Record<string, string> = {}): Promise<AppNode> {
  // the app itself is the child (tsx's loader in this process, not its CLI, which would start the app as a
  // grandchild): its PID is the one stopped, and a SIGKILL cannot leave the app running on its own
  const tsx = join(ROOT, 'node_modules', 'tsx', 'dist');
  const loader = pathToFileURL(join(tsx, 'loader.mjs')).href;
  // BENCH_NODE_ARGS: extra node options for the app processes, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
  const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, '--require', join(tsx, 'preflight.cjs'), '--import', loader, join(ROOT, 'tests', 'bench', 'app-process.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      // errors are logged (to this process's stderr): a 5xx in a benchmark must have a visible cause
      LOG_LEVEL: 'error',
      DEMO_DATA: 'false',
      SESSION_SECRET: BENCH_SESSION_SECRET,
      LOGIN_RATE_PER_IP: '10000',
      DATABASE_POOL_SIZE: '20',
      // as in production (NODE_ENV=production): built answers are sent as built, not parsed again
      CHECK_BUILT_RESPONSES: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let pid = 0;
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    let found = false;
    lines.on('line', (l) => {
      let parsed: { url?: string; pid?: number } | undefined;
      try {
        parsed = JSON.parse(l);
      } catch {
        /* not JSON */
      }
      if (!found && parsed?.url && parsed.pid) {
        found = true;
        pid = parsed.pid;
        resolve(parsed.url);
      } else process.stderr.write(`${l}\n`); // the node's log lines
    });
    child.once('exit', (code) => reject(new Error(`app node exited with ${code}`)));
  });
  return {
    url,
    pid,
    child,
    // SIGTERM, and SIGKILL by the same PID when it has not exited after 5 s (a node draining
    // towards a database the test already stopped must not outlive the test)
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
