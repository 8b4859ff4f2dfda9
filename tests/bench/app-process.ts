/**
 * One app node for multi-process benchmarks and tests: starts the whole server against
 * DATABASE_URL on a free port, prints `{"url": ...}` on stdout, stops cleanly on SIGTERM/SIGINT.
 */
import { containFaults } from '../../server/fault-containment';
import { start } from '../../server/index';

const server = await start({ demo: false });
// a postgres.js exception from a dead socket can leave a connection unable to send: renew the pool
containFaults(server.ctx.log, undefined, (e) => server.ctx.renewPool?.(e.message));
process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);
const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
