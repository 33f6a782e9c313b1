import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// Close's API and app origins. Every other CRM origin (the sandbox included) is listed explicitly;
// issue 7 turns these into optional host permissions requested from a click.
const CLOSE_API = 'https://api.close.com/*';
// Bullhorn's login host and its regional data centres; ClosingDealz's single host.
const BULLHORN = 'https://*.bullhornstaffing.com/*';
const CLOSINGDEALZ = 'https://app.closingdealz.io/*';
// The sandbox CRM runs on loopback; Chromium's match patterns ignore the port.
const SANDBOX = ['http://localhost/*', 'http://127.0.0.1/*'];

export default defineConfig({
  // A separate build directory per checkout or person (scripts/find-chromium.ts reads the same variable).
  outDir: process.env.RINGSIDE_OUT_DIR ?? '.output',
  // Security-sensitive code imports what it uses explicitly.
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    // Strings come from public/_locales (English complete, Spanish to prove the catalogue is whole).
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    host_permissions: [CLOSE_API, BULLHORN, CLOSINGDEALZ, ...SANDBOX],
    // Entity CRM and Connect live on each customer's own host: asked for when that connection is saved.
    optional_host_permissions: ['https://*/*'],
    action: { default_title: '__MSG_actionTitle__' },
    // Chrome and Firefox both take Ctrl+Shift+digit; each shows and rebinds it in its shortcuts page.
    commands: {
      'open-dialer': {
        suggested_key: { default: 'Ctrl+Shift+1', mac: 'Command+Shift+1' },
        description: 'Open the Ringside dialer',
      },
    },
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'ringside@ringside.dev', strict_min_version: '128.0' } } }
      : {}),
  }),
});
