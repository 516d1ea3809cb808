/**
 * Starts the API sandbox from the command line:
 *   npx tsx tests/sandbox/cli.ts [--port 8443] [--latency 150] [--seed text] [--host 0.0.0.0]
 * The first line printed is `SANDBOX_PORT=<port>` so that other processes can read it.
 */
import { DEFAULT_AISA_KEY, DEFAULT_CREDENTIALS, startSandbox } from './server';

function arg(name: string): string | undefined {
  const argv = process.argv.slice(2);
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const a = argv[i] as string;
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[i + 1];
}

function num(name: string, dflt: number): number {
  const v = arg(name);
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} expects a non-negative integer, got ${v}`);
    process.exit(2);
  }
  return n;
}

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log('Usage: tsx tests/sandbox/cli.ts [--port N (0 = random)] [--latency MS] [--seed TEXT] [--host ADDRESS]');
  process.exit(0);
}

const sandbox = await startSandbox({
  port: num('port', 0),
  latencyMs: num('latency', 0),
  seed: arg('seed'),
  listenHost: arg('host'),
});

console.log(`SANDBOX_PORT=${sandbox.port}`);
console.log(`Backlink Lens API sandbox listening on ${sandbox.url} (HTTP and HTTPS on the same port)`);
console.log(`  DataForSEO / sandbox login: ${DEFAULT_CREDENTIALS.login}   API password: ${DEFAULT_CREDENTIALS.password}`);
console.log(`  AIsa key: ${DEFAULT_AISA_KEY}`);
console.log(`  hosts: api.dataforseo.com, sandbox.dataforseo.com, api.aisa.one (map them to 127.0.0.1:${sandbox.port}); any other host gets a sample web page`);
console.log(`  Chromium: --host-resolver-rules="MAP api.dataforseo.com 127.0.0.1:${sandbox.port}, MAP sandbox.dataforseo.com 127.0.0.1:${sandbox.port}, MAP api.aisa.one 127.0.0.1:${sandbox.port}" --ignore-certificate-errors`);
console.log(`  control: ${sandbox.url}/__sandbox/requests  (POST /__sandbox/reset, POST|DELETE /__sandbox/faults, POST /__sandbox/latency)`);

const stop = () => {
  void sandbox.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
