import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { LOOPBACK_PATTERNS } from './lib/access/patterns';

// Install-time permissions are only what every recruiter needs (README "Permissions"). Each CRM's API
// and web app host, and each site enabled from the side panel, is an optional host permission asked
// for from a click (lib/access). Loopback stays install-time: the sandbox CRM, the demo and the
// end-to-end tests run there, and Chromium's match patterns ignore the port.

export default defineConfig({
  // A separate build directory per checkout or person (scripts/find-chromium.ts reads the same variable).
  outDir: process.env.RINGSIDE_OUT_DIR ?? '.output',
  // Security-sensitive code imports what it uses explicitly.
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    // The content script runs on every enabled page: it takes the browser's own `browser`/`chrome`
    // (promise-based for all it calls) rather than webextension-polyfill, ~10 kB less on each page.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((entrypoint) => entrypoint.type === 'content-script')) return;
      const native = {
        find: /^wxt\/browser$/,
        replacement: fileURLToPath(import.meta.resolve('@wxt-dev/browser')),
      };
      const alias = config.resolve?.alias;
      const entries = Array.isArray(alias)
        ? alias
        : Object.entries(alias ?? {}).map(([find, replacement]) => ({
            find,
            replacement: String(replacement),
          }));
      config.resolve = { ...config.resolve, alias: [native, ...entries] };
    },
  },
  manifest: ({ browser }) => ({
    // Strings come from public/_locales (English complete, Spanish to prove the catalogue is whole).
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: [
      'storage',
      'alarms',
      // Registers the content script at runtime for connected CRMs' apps and enabled sites only.
      'scripting',
      // The toolbar click lets the side panel see that tab's site, to offer "Enable on this site".
      'activeTab',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    host_permissions: [...LOOPBACK_PATTERNS],
    optional_host_permissions: ['https://*/*'],
    action: { default_title: '__MSG_actionTitle__' },
    // Chrome and Firefox both take Ctrl+Shift+digit; each shows and rebinds it in its shortcuts page.
    commands: {
      'open-dialer': {
        suggested_key: { default: 'Ctrl+Shift+1', mac: 'Command+Shift+1' },
        description: '__MSG_commandOpenDialer__',
      },
    },
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'ringside@ringside.dev', strict_min_version: '128.0' } } }
      : {}),
  }),
});
