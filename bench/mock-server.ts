// The mock supplier as its own process, for benchmarks: `tsx bench/mock-server.ts PORT`.
import { startMockUpstream } from '../test/helpers/mock-upstream.js';

const port = Number(process.argv[2] ?? 0);
const mock = await startMockUpstream({ quiet: true, port });
process.stdout.write(`${mock.port}\n`);
process.on('SIGTERM', () => mock.close().then(() => process.exit(0)));
