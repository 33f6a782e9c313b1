import { DEMO_KEYS } from '../sandbox/seed';
import { connectSandbox, expect, test } from './fixtures';

test.describe('options: connect Close', () => {
  test('testing a good key shows the account and saves nothing', async ({
    openExtensionPage,
    sandbox,
    serviceWorker,
  }) => {
    const options = await openExtensionPage('options.html');
    await options.getByLabel('Close API key').fill(DEMO_KEYS.riley);
    await options.getByLabel('Use a different API URL').check();
    await options.getByLabel('API URL', { exact: true }).fill(sandbox.closeApiUrl);
    await expect(options.getByText('This is a test server on your own computer')).toBeVisible();
    await expect(options.getByText('Local test server: not encrypted.')).toBeVisible();
    await options.getByRole('button', { name: 'Test connection' }).click();
    await expect(options.getByRole('status').filter({ hasText: 'Connected' })).toHaveText(
      'Connected to Close as Riley Recruiter (Ringside Demo Agency).',
    );
    expect(sandbox.requests.filter((request) => request.path === '/api/v1/me/')).toHaveLength(1);
    expect(await serviceWorker.evaluate(() => chrome.storage.local.get(null))).not.toHaveProperty(
      'connections',
    );
    await expect(options.getByText('No CRM connected yet.')).toBeVisible();
  });

  test('testing a bad key says exactly why', async ({ openExtensionPage, sandbox }) => {
    const options = await openExtensionPage('options.html');
    await options.getByLabel('Close API key').fill('api_ThisKeyWasRevoked999');
    await options.getByLabel('Use a different API URL').check();
    await options.getByLabel('API URL', { exact: true }).fill(sandbox.closeApiUrl);
    await options.getByRole('button', { name: 'Test connection' }).click();
    await expect(options.getByRole('alert')).toHaveText(
      'Close rejected the API key. Check that it was copied in full and has not been revoked.',
    );
    // What the recruiter typed is still there to fix.
    await expect(options.getByLabel('Close API key')).toHaveValue('api_ThisKeyWasRevoked999');
  });

  test('a malformed key or URL is refused before anything is sent', async ({
    openExtensionPage,
    sandbox,
  }) => {
    const options = await openExtensionPage('options.html');
    await options.getByLabel('Close API key').fill('sk_live_abc');
    await options.getByLabel('Use a different API URL').check();
    await options.getByLabel('API URL', { exact: true }).fill('http://crm.example.com/api/v1/');
    await options.getByRole('button', { name: 'Test connection' }).click();
    await expect(options.locator('#apiKey-error')).toHaveText(
      'Close API keys start with "api_". Copy the key from Close: Settings → Developer → API Keys.',
    );
    await expect(options.locator('#baseUrl-error')).toHaveText(
      'The API URL must start with https:// (plain http:// is allowed only for localhost).',
    );
    expect(sandbox.requests).toHaveLength(0);
  });

  test('an unreachable CRM is reported as a network problem', async ({ openExtensionPage }) => {
    const options = await openExtensionPage('options.html');
    await options.getByLabel('Close API key').fill(DEMO_KEYS.riley);
    await options.getByLabel('Use a different API URL').check();
    // Port 9 (discard) on loopback: nothing listens there.
    await options.getByLabel('API URL', { exact: true }).fill('http://127.0.0.1:9/api/v1/');
    await options.getByRole('button', { name: 'Test connection' }).click();
    await expect(options.getByRole('alert')).toHaveText(
      'Ringside could not reach Close. Check your internet connection and the API URL.',
    );
  });

  test('a CRM outage and a rate limit are told apart', async ({ openExtensionPage, sandbox }) => {
    const options = await openExtensionPage('options.html');
    await options.getByLabel('Close API key').fill(DEMO_KEYS.riley);
    await options.getByLabel('Use a different API URL').check();
    await options.getByLabel('API URL', { exact: true }).fill(sandbox.closeApiUrl);
    sandbox.faults.add({ kind: 'status', status: 503, path: 'me/', times: 1 });
    await options.getByRole('button', { name: 'Test connection' }).click();
    await expect(options.getByRole('alert')).toHaveText(
      'Close is unavailable right now (HTTP 503). Try again in a few minutes.',
    );
    sandbox.faults.add({ kind: 'rate-limit', resetSeconds: 12, path: 'me/', times: 1 });
    await options.getByRole('button', { name: 'Test connection' }).click();
    await expect(options.getByRole('alert')).toHaveText(
      'Close is limiting how fast Ringside may call it. Try again in 12 s.',
    );
  });

  test('saving stores the key out of every page’s reach and shows it masked', async ({
    openExtensionPage,
    sandbox,
    serviceWorker,
  }) => {
    const options = await openExtensionPage('options.html');
    await connectSandbox(options, sandbox, DEMO_KEYS.riley);
    await expect(options.getByTestId('key-hint')).toHaveText('api_••••••0001');
    await expect(options.getByLabel('Close API key')).toHaveValue('');

    // Nothing an extension page can ask for, and nothing in extension storage, holds the key.
    const listed = await options.evaluate(() =>
      chrome.runtime.sendMessage({ type: 'connections.list', payload: {} }),
    );
    expect(JSON.stringify(listed)).not.toContain(DEMO_KEYS.riley);
    const stored = await serviceWorker.evaluate(() => chrome.storage.local.get(null));
    expect(JSON.stringify(stored)).not.toContain(DEMO_KEYS.riley);

    // It survives a reload, and the saved connection can be re-tested.
    await options.reload();
    await options.getByRole('button', { name: 'Test', exact: true }).click();
    await expect(options.getByRole('status').filter({ hasText: 'Working' })).toHaveText(
      'Working: signed in as Riley Recruiter.',
    );
  });

  test('editing a connection keeps a key left blank, and refuses a bad new one', async ({
    openExtensionPage,
    sandbox,
  }) => {
    const options = await openExtensionPage('options.html');
    await connectSandbox(options, sandbox, DEMO_KEYS.riley);
    const row = options.getByRole('list', { name: 'Saved connections' }).getByRole('listitem').first();
    await row.getByRole('button', { name: 'Edit' }).click();
    const form = options.getByRole('form', { name: 'Edit Close connection' });
    await expect(form.getByLabel('Close API key')).toHaveAttribute(
      'placeholder',
      'api_••••••0001 (leave blank to keep)',
    );
    await form.getByLabel('Close API key').fill('not-a-key');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.locator('#apiKey-error')).toHaveText(
      'Close API keys start with "api_". Copy the key from Close: Settings → Developer → API Keys.',
    );
    await form.getByLabel('Close API key').fill('');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(options.getByTestId('key-hint')).toHaveText('api_••••••0001');
    await options.getByRole('button', { name: 'Test', exact: true }).click();
    await expect(options.getByRole('status').filter({ hasText: 'Working' })).toHaveText(
      'Working: signed in as Riley Recruiter.',
    );
  });
});
