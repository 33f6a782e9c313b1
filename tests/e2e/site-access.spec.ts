import type { Page } from '@playwright/test';
import { DEMO_KEYS, SEEDED } from '../sandbox/seed';
import { connectSandbox, expect, lookUp, test } from './fixtures';

/**
 * Where the content script runs: only on sites enabled from the side panel and on connected CRMs' web
 * apps, each behind its host permission, and nowhere once that permission is removed. The sandbox runs
 * on loopback, granted at install, so the panel's permission request resolves without a prompt.
 */

const highlightCount = (page: Page) =>
  page.evaluate(
    () =>
      (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('ringside-phone')?.size ?? 0,
  );

/** Gives the content script, were it registered, time to have run on the page. */
async function settled(page: Page) {
  await page.waitForLoadState('load');
  await page.waitForTimeout(1_000);
}

test.describe('where Ringside runs', () => {
  test('a site not enabled gets no highlights; "Enable on this site" makes its numbers clickable', async ({
    context,
    openExtensionPage,
    sandbox,
  }) => {
    const leadUrl = `${sandbox.url}/lead/${SEEDED.jane.leadId}/`;
    const lead = await context.newPage();
    await lead.goto(leadUrl);
    await settled(lead);
    expect(await highlightCount(lead)).toBe(0);

    // The panel looks at the active tab of its window: the lead page, brought to the front.
    const panel = await openExtensionPage('sidepanel.html');
    await lead.bringToFront();
    const site = panel.getByRole('region', { name: 'This site' });
    await expect(site.getByTestId('site-status')).toHaveText('Ringside does not run on 127.0.0.1.');
    await site.getByRole('button', { name: 'Enable on this site' }).click();
    await expect(site.getByRole('status')).toHaveText('Ringside now runs on 127.0.0.1.');
    await expect(site.getByTestId('site-status')).toHaveText('Ringside runs on 127.0.0.1.');

    // Started in the open tab at once, without a reload, and its numbers dial.
    await expect.poll(() => highlightCount(lead)).toBeGreaterThan(0);
    await lead.locator(`span.phone[data-phone="${SEEDED.jane.mobile}"]`).first().click();
    const dialled = await openExtensionPage('sidepanel.html');
    await expect(dialled.getByTestId('active-number')).toHaveText('+1 415 555 2671');

    // Pages of that site opened later get it from the registration.
    const second = await context.newPage();
    await second.goto(leadUrl);
    await expect.poll(() => highlightCount(second)).toBeGreaterThan(0);

    // Another host (the same server, reached as localhost) was not enabled: nothing is drawn there.
    const other = await context.newPage();
    await other.goto(leadUrl.replace('127.0.0.1', 'localhost'));
    await settled(other);
    expect(await highlightCount(other)).toBe(0);

    // Stopping it takes effect from the next load.
    await lead.bringToFront();
    await site.getByRole('button', { name: 'Stop running on this site' }).click();
    await expect(site.getByTestId('site-status')).toHaveText('Ringside does not run on 127.0.0.1.');
    await lead.reload();
    await settled(lead);
    expect(await highlightCount(lead)).toBe(0);
  });

  test('removing the host permission unregisters the pages, and lookups and logs say so and wait', async ({
    context,
    openExtensionPage,
    sandbox,
    serviceWorker,
    extensionId,
  }) => {
    const registered = () =>
      serviceWorker.evaluate(async () =>
        (await chrome.scripting.getRegisteredContentScripts()).flatMap((script) => script.matches ?? []),
      );
    // Connecting Close to the sandbox runs Ringside on that "CRM's" pages.
    const options = await openExtensionPage('options.html');
    await connectSandbox(options, sandbox, DEMO_KEYS.riley);
    expect(await registered()).toEqual(['http://127.0.0.1/*']);
    const lead = await context.newPage();
    await lead.goto(`${sandbox.url}/lead/${SEEDED.jane.leadId}/`);
    await expect.poll(() => highlightCount(lead)).toBeGreaterThan(0);

    const panel = await openExtensionPage('sidepanel.html');
    await lookUp(panel, SEEDED.priya.phone);
    await expect(panel.getByTestId('record-name')).toHaveText('Priya Patel');

    // The recruiter removes the site's access in the browser's own settings for the extension
    // (chrome.permissions.remove refuses install-time hosts; this is the switch a user has).
    const settings = await context.newPage();
    await settings.goto(`chrome://extensions/?id=${extensionId}`);
    await settings.evaluate(([id, host]) => chrome.developerPrivate.removeHostPermission(id, host), [
      extensionId,
      'http://127.0.0.1/*',
    ] as const);
    await expect.poll(registered).toEqual([]);
    await lead.reload();
    await settled(lead);
    expect(await highlightCount(lead)).toBe(0);

    // A log written now waits in the outbox with the reason, rather than failing.
    await panel.getByLabel('Note').fill('Called about the Leeds contract.');
    await panel.getByRole('button', { name: 'Log call' }).click();
    const pending = panel.getByRole('region', { name: 'Waiting to be logged' }).getByRole('listitem');
    await expect(pending).toHaveAttribute('data-state', 'retry');
    await expect(pending).toContainText('Ringside no longer has access to 127.0.0.1. Grant it in Options.');
    // Lookups say the same; options shows it on the connection.
    await lookUp(panel, SEEDED.jane.mobile);
    await expect(panel.getByRole('region', { name: 'Matches' })).toContainText(
      'Ringside no longer has access to 127.0.0.1. Grant it in Options.',
    );
    await expect(options.locator('li[data-provider="close"]').getByRole('alert')).toContainText(
      'Ringside no longer has access to 127.0.0.1',
    );
    expect(sandbox.state.calls).toHaveLength(0);

    // Access back: the pages are registered again and the waiting log lands, once.
    await settings.evaluate(([id, host]) => chrome.developerPrivate.addHostPermission(id, host), [
      extensionId,
      'http://127.0.0.1/*',
    ] as const);
    await expect.poll(registered).toEqual(['http://127.0.0.1/*']);
    await expect(panel.getByRole('region', { name: 'Waiting to be logged' })).toHaveCount(0);
    expect(sandbox.state.calls.map((call) => call.note)).toEqual(['Called about the Leeds contract.']);
    await expect(options.locator('li[data-provider="close"]').getByRole('alert')).toHaveCount(0);
  });
});
