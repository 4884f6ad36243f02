// The demo's static server: serves demo-web/ (and the module copied into demo-web/pkg/ by
// `make demo-build`) on 127.0.0.1 with the right MIME types and a strict
// Content-Security-Policy. No directory listings, nothing outside demo-web/, no logging of
// request bodies (there are none: the page sends nothing anywhere).
//
//   node demo-web/server.mjs [port]        # make demo: port 8080
//   import { startServer } from './server.mjs'   # the browser tests: a random port
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = dirname(fileURLToPath(import.meta.url));

/**
 * The one inline style allowed: the comparison report's stylesheet (trygg-host's
 * `report::html`, the page `trygg diff --html` writes), by its SHA-256, so the studio shows
 * that very page in a sandboxed frame. tests/js/node/report.test.mjs checks it is the hash
 * of the report's `<style>`.
 */
export const REPORT_STYLE_HASH = "'sha256-og8LWAgdSQ2Gl5ITPIAbHHS2DF8rKvYqgTl/+kqDf9A='";

/**
 * The other inline style allowed: the programme uptake report's stylesheet (trygg-host's
 * `report::programme::html`, the page `trygg programme report --html` writes; it has no
 * style attributes), by its SHA-256, so the studio shows that very page in a sandboxed
 * frame. tests/js/node/uptake.test.mjs checks it is the hash of the page's `<style>`.
 */
export const PROGRAMME_REPORT_STYLE_HASH = "'sha256-NpnNKsdPZZwFXsCUiZ2RBcTFSvL9Y0HdVoJDUzTrgh4='";

/** Script only from this origin, plus compiling WebAssembly; no inline script, and no inline style but the two reports'. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  `style-src 'self' ${REPORT_STYLE_HASH} ${PROGRAMME_REPORT_STYLE_HASH}`,
  "img-src 'self'",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const HEADERS = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  'cross-origin-opener-policy': 'same-origin',
  'cache-control': 'no-store',
};

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
};

// Served: the page and its modules, and the built module; never the tests or this script.
const DENY = [/^\/tests\//, /^\/server\.mjs$/, /^\/README\.md$/, /^\/build\.mjs$/, /node_modules/, /^\/editor-src\//, /^\/package(-lock)?\.json$/];

/** Start serving; `port` 0 picks a free one. Returns { origin, requests, close }. */
export async function startServer({ port = 0, host = '127.0.0.1', log = false } = {}) {
  const requests = [];
  const server = createServer(async (req, res) => {
    let path;
    try {
      path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    } catch {
      res.writeHead(400, HEADERS).end();
      return;
    }
    if (path.endsWith('/')) path += 'index.html';
    requests.push({ method: req.method, path });
    const type = TYPES[extname(path)];
    const file = join(ROOT, path);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...HEADERS, allow: 'GET, HEAD' }).end();
    } else if (!type || !file.startsWith(ROOT + sep) || DENY.some((d) => d.test(path))) {
      res.writeHead(404, HEADERS).end();
    } else {
      try {
        const body = await readFile(file);
        res.writeHead(200, { ...HEADERS, 'content-type': type }).end(req.method === 'HEAD' ? undefined : body);
      } catch {
        res.writeHead(404, HEADERS).end();
      }
    }
    if (log) console.log(`${req.method} ${path} ${res.statusCode}`);
  });
  await new Promise((ok, fail) => server.once('error', fail).listen(port, host, ok));
  const origin = `http://${host}:${server.address().port}`;
  return {
    origin,
    requests,
    close: () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 8080);
  const { origin } = await startServer({ port, log: true });
  console.log(`Trygg demo on ${origin}/ and the studio on ${origin}/studio.html  (Ctrl-C stops it)`);
}
