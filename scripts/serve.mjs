#!/usr/bin/env node
// Serves a built site folder like a static host (compression, MIME types, 404
// page): `node scripts/serve.mjs [dir=dist] [port=4321]`. Used by the
// end-to-end tests; the benchmark uses the same server.
import path from 'node:path';
import { startServer } from './bench/server.mjs';

const [dir = 'dist', port = '4321'] = process.argv.slice(2);
if (dir === '--help' || dir === '-h') {
  console.log('usage: node scripts/serve.mjs [dir=dist] [port=4321]');
  process.exit(0);
}
const server = await startServer(path.resolve(dir), { port: Number(port) });
console.log(`Serving ${dir} at ${server.url}/`);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close().then(() => process.exit(0)));
