// A small static file server for the benchmark, behaving like a typical static
// host: correct MIME types, compressed text responses (brotli when the client
// accepts it, else gzip), directory index.html, trailing-slash redirects, the
// site's 404.html with status 404, long caching for hashed /_astro/ assets.
import http from 'node:http';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  // Pagefind's index files are already gzip-compressed by Pagefind itself.
  '.pagefind': 'application/octet-stream',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
};

// Types a static host would compress on the fly (or serve precompressed).
const COMPRESSIBLE = /^(text\/|application\/(json|manifest\+json|xml|wasm)|image\/svg\+xml)/;

/** @param {string} accept  the Accept-Encoding request header */
function pickEncoding(accept = '') {
  const offered = accept
    .split(',')
    .map((s) => s.trim().split(';'))
    .filter(([, q]) => !q || parseFloat(q.split('=')[1]) > 0)
    .map(([name]) => name.toLowerCase());
  if (offered.includes('br')) return 'br';
  if (offered.includes('gzip')) return 'gzip';
  return null;
}

/**
 * Serve `root` on 127.0.0.1. Returns { url, stats, close }.
 * stats.encodings counts the Content-Encoding of every response sent.
 */
export async function startServer(root, { port = 0 } = {}) {
  root = path.resolve(root);
  // Keyed by content, so a rebuild under a running server never serves stale files.
  const cache = new Map(); // `${sha1(body)}\0${encoding}` -> Buffer
  const stats = { requests: 0, encodings: {}, notFound: [] };

  async function compressed(file, body, encoding) {
    const key = `${createHash('sha1').update(body).digest('hex')}\0${encoding}`;
    if (!cache.has(key)) {
      const out =
        encoding === 'br'
          ? await brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
          : await gzip(body, { level: 9 });
      cache.set(key, out);
    }
    return cache.get(key);
  }

  async function resolveFile(urlPath) {
    const rel = path.normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, '');
    const file = path.join(root, rel);
    if (file !== root && !file.startsWith(root + path.sep)) return { status: 403 };
    const st = await fs.stat(file).catch(() => null);
    if (st?.isFile()) return { file };
    if (st?.isDirectory()) {
      if (!urlPath.endsWith('/')) return { redirect: urlPath + '/' };
      const index = path.join(file, 'index.html');
      if (await fs.stat(index).then((s) => s.isFile(), () => false)) return { file: index };
    }
    return { status: 404 };
  }

  async function handle(req, res) {
    stats.requests++;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(req.url, 'http://localhost');
    let found;
    try {
      found = await resolveFile(url.pathname);
    } catch {
      found = { status: 400 };
    }
    if (found.redirect) {
      res.writeHead(301, { Location: found.redirect + url.search }).end();
      return;
    }
    let status = 200;
    let file = found.file;
    if (!file) {
      status = found.status;
      if (status === 404) stats.notFound.push(url.pathname);
      const page404 = path.join(root, '404.html');
      file = await fs.stat(page404).then((s) => (s.isFile() ? page404 : null), () => null);
      if (!file) {
        res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${status}\n`);
        return;
      }
    }
    const type = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    let body = await fs.readFile(file);
    const headers = {
      'Content-Type': type,
      'Cache-Control': url.pathname.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Accept-Encoding',
    };
    const encoding = COMPRESSIBLE.test(type) && body.length > 256 ? pickEncoding(req.headers['accept-encoding']) : null;
    if (encoding) {
      body = await compressed(file, body, encoding);
      headers['Content-Encoding'] = encoding;
    }
    const enc = encoding ?? 'identity';
    stats.encodings[enc] = (stats.encodings[enc] ?? 0) + 1;
    headers['Content-Length'] = body.length;
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(err));
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: actual } = server.address();
  return {
    url: `http://127.0.0.1:${actual}`,
    stats,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
