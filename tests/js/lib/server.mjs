// A tiny static file server on 127.0.0.1 (a random free port) for the browser runner.
// Serves only the built package and the test pages; stopped by the test that starts it.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { REPO } from './vectors.mjs';

const ROOTS = ['/wasm/pkg/', '/tests/js/browser/'];
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json' };

export async function startServer() {
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    requests.push(path);
    const ext = path.slice(path.lastIndexOf('.'));
    if (!ROOTS.some((r) => path.startsWith(r)) || !(ext in TYPES)) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(join(REPO, path));
      res.writeHead(200, { 'content-type': TYPES[ext], 'cache-control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); }),
  };
}
