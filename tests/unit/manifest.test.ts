import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';

/**
 * The extension's attack surface as declared: no door for web pages or other extensions, nothing of ours a
 * page can load. The e2e credentials spec checks the same on the manifest Chromium actually loaded.
 */

interface Manifest {
  permissions: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  [key: string]: unknown;
}
const manifestFor = (browser: string): Manifest => {
  const build = config.manifest as unknown as (env: { browser: string }) => Manifest;
  return build({ browser });
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|html)$/.test(name) ? [path] : [];
  });
}

const shipped = ['lib', 'entrypoints', 'components'].flatMap(sourceFiles);

describe('manifest and shipped code', () => {
  it.each(['chrome', 'firefox'])('%s: no externally_connectable, no web-accessible resources', (browser) => {
    const manifest = manifestFor(browser);
    expect(manifest).not.toHaveProperty('externally_connectable');
    expect(manifest).not.toHaveProperty('web_accessible_resources');
    expect(manifest).not.toHaveProperty('content_security_policy');
    // Every install-time permission and host is explained in SECURITY.md's permission table.
    const table = readFileSync(resolve(import.meta.dirname, '../../SECURITY.md'), 'utf8');
    const declared = [...manifest.permissions, ...(manifest.host_permissions ?? [])];
    expect(declared.length).toBeGreaterThan(3);
    for (const permission of declared) expect(table, permission).toContain(`\`${permission}\``);
    expect(manifest.host_permissions).toEqual(['http://localhost/*', 'http://127.0.0.1/*']);
    expect(manifest.optional_host_permissions).toEqual(['https://*/*']);
  });

  it('listens to no other extension or web page, and builds no HTML from strings', () => {
    expect(shipped.length).toBeGreaterThan(50);
    const offenders = shipped.filter((path) =>
      /onMessageExternal|onConnectExternal|externally_connectable|innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML|document\.write|\beval\(|new Function\(/.test(
        readFileSync(path, 'utf8'),
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('reads credentials only in the background', () => {
    const importers = shipped.filter((path) =>
      /from '[./]*\/?(lib\/)?store\/secrets'/.test(readFileSync(path, 'utf8')),
    );
    expect(importers.sort()).toEqual(['entrypoints/background.ts', 'lib/background/connections.ts']);
  });
});
