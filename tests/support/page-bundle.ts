import { resolve } from 'node:path';
import { build } from 'esbuild';

/**
 * The project's own modules bundled into one script to inject into a page (`page.addScriptTag`): the
 * detection benchmark and the engine's browser tests run lib/ code in real Chromium without the extension.
 * `entry` is module source resolved from the project root (`import { … } from './lib/…'`).
 */
export async function pageBundle(entry: string, { minify = false } = {}): Promise<string> {
  const result = await build({
    stdin: { contents: entry, resolveDir: resolve(import.meta.dirname, '../..'), loader: 'ts' },
    bundle: true,
    format: 'iife',
    minify,
    write: false,
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'error',
  });
  return result.outputFiles[0]?.text ?? '';
}
