import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SandboxApi } from '../conformance/harness';

export interface ServedApi<A extends SandboxApi> {
  api: A;
  /** http://127.0.0.1:PORT, no trailing slash. */
  origin: string;
  close(): Promise<void>;
}

/**
 * One sandbox API on its own loopback server and free port, for a provider's unit tests that need
 * options the shared sandbox server does not take. `extra` may answer a request first (return true).
 */
export async function serveApi<A extends SandboxApi>(
  create: (origin: () => string) => A,
  extra?: (req: IncomingMessage, res: ServerResponse, url: URL) => boolean,
): Promise<ServedApi<A>> {
  let origin = '';
  const api = create(() => origin);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    if (extra?.(req, res, url)) return;
    if (!url.pathname.startsWith(api.prefix)) {
      res.writeHead(404).end();
      return;
    }
    api.handle(req, res, url).catch((error: unknown) => {
      console.error('[sandbox]', error);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    api,
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
