/**
 * One app node for multi-process benchmarks and tests: starts the whole server against
 * DATABASE_URL on a free port, prints `{"url": ...}` on stdout, stops cleanly on SIGTERM/SIGINT.
 */
import { containFaults } from '../../server/fault-containment';
import { start } from '../../server/index';

const server = await start({ demo: false });
containFaults(server.ctx.log);
process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);
const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
