import { BULLHORN_DEMO } from '../sandbox/bullhorn/model';
import { CONNECT_DEMO } from '../sandbox/connect';
import { DEMO_KEYS } from '../sandbox/seed';
import { connectProvider } from './connect-ui';
import { expect, lookUp, test } from './fixtures';

test.describe('several CRMs at once', () => {
  test('one lookup finds the same person in Close, Bullhorn (server search) and Connect (local index)', async ({
    openExtensionPage,
    sandbox,
  }) => {
    const options = await openExtensionPage('options.html');
    const form = options.getByRole('form', { name: 'Add a connection' });
    await form.getByLabel('CRM', { exact: true }).selectOption('connect');
    // The form is honest about what this CRM can do before anything is saved.
    await expect(form.getByLabel('What Ringside can do with this CRM')).toContainText(
      'Find callers by phonevia Ringside’s local index',
    );
    await expect(form.getByLabel('What Ringside can do with this CRM')).toContainText(
      'Log calls and notesno',
    );

    await connectProvider(options, {
      provider: 'close',
      baseUrl: sandbox.closeApiUrl,
      fields: { apiKey: DEMO_KEYS.riley },
    });
    const bullhornId = await connectProvider(options, {
      provider: 'bullhorn',
      baseUrl: `${sandbox.url}/bullhorn/rest-services/`,
      fields: { ...BULLHORN_DEMO },
    });
    // Bullhorn's whole OAuth sign-in (loginInfo, authorize, token, login) runs in the service worker.
    const bullhornRow = options.locator(`li[data-connection-id="${bullhornId}"]`);
    await bullhornRow.getByRole('button', { name: 'Test', exact: true }).click();
    await expect(bullhornRow.getByRole('status').filter({ hasText: 'Working' })).toHaveText(
      'Working: signed in as Riley Recruiter.',
    );
    const connectId = await connectProvider(options, {
      provider: 'connect',
      baseUrl: `${sandbox.url}/connect/`,
      fields: { secretKey: CONNECT_DEMO.secretKey },
    });
    await expect(
      options.locator(`li[data-connection-id="${connectId}"] [data-testid="index-status"]`),
    ).toContainText(/last synced .* · \d+ people/);

    const panel = await openExtensionPage('sidepanel.html');
    await lookUp(panel, '(415) 555-2671');
    const matches = panel.getByRole('region', { name: 'Matches' });
    await expect(matches.getByTestId('record-name')).toHaveText(['Jane Doe', 'Jane Doe', 'Jane Doe']);
    await expect(matches.getByRole('heading')).toHaveText([
      'Close',
      'Bullhorn · Ringside Demo Agency',
      'Connect',
    ]);
    // Several matches: the recruiter chooses which record to log to.
    await expect(panel.getByRole('button', { name: 'Log call' })).toBeDisabled();
  });
});
