import type { Page } from '@playwright/test';
import { SEEDED } from '../sandbox/seed';
import { enableSandboxPages, expect, lookUp, test } from './fixtures';

const highlightCount = (page: Page) =>
  page.evaluate(
    () =>
      (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('ringside-phone')?.size ?? 0,
  );

test.describe('page settings and "On this page"', () => {
  test('the content script tells the side panel what it found on the tab', async ({
    context,
    openExtensionPage,
    sandbox,
  }) => {
    await enableSandboxPages(openExtensionPage, sandbox);
    const lead = await context.newPage();
    await lead.goto(`${sandbox.url}/lead/${SEEDED.jane.leadId}/`);
    await expect.poll(() => highlightCount(lead)).toBeGreaterThan(0);
    const panel = await openExtensionPage('sidepanel.html');
    const answer = await panel.evaluate(async (url) => {
      const [tab] = await chrome.tabs.query({ url });
      return tab?.id === undefined
        ? undefined
        : chrome.tabs.sendMessage(tab.id, { type: 'page.contacts', payload: {} });
    }, `${sandbox.url}/lead/*`);
    const contacts = (answer as { ok: boolean; data: { contacts: { kind: string; value: string }[] } }).data
      .contacts;
    expect(contacts).toEqual(
      expect.arrayContaining([
        { kind: 'phone', value: SEEDED.jane.mobile },
        { kind: 'phone', value: SEEDED.jane.office },
        { kind: 'email', value: SEEDED.jane.email },
      ]),
    );
    // Each value once, whatever the number of places it appears.
    expect(new Set(contacts.map((contact) => contact.value)).size).toBe(contacts.length);
  });

  test('a site turned off gets no highlights until it is turned on again in options', async ({
    context,
    openExtensionPage,
    sandbox,
  }) => {
    await enableSandboxPages(openExtensionPage, sandbox);
    const options = await openExtensionPage('options.html');
    await options.evaluate(
      (site) => chrome.storage.local.set({ settings: { disabledSites: [site] } }),
      sandbox.url,
    );
    const lead = await context.newPage();
    await lead.goto(`${sandbox.url}/lead/${SEEDED.jane.leadId}/`);
    await lead.waitForTimeout(1_000);
    expect(await highlightCount(lead)).toBe(0);

    await options.reload();
    const offList = options.getByRole('list', { name: 'Sites where Ringside is off' });
    await expect(offList).toContainText(sandbox.url);
    await offList.getByRole('button', { name: 'Turn on again' }).click();
    await expect(offList.getByRole('listitem')).toHaveCount(0);
    await lead.reload();
    await expect.poll(() => highlightCount(lead)).toBeGreaterThan(0);
  });

  test('numbers are read in the chosen country', async ({ openExtensionPage }) => {
    const options = await openExtensionPage('options.html');
    await options.getByLabel('Country for numbers written without +').selectOption('GB');
    await expect(options.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    const stored = await options.evaluate(() => chrome.storage.local.get('settings'));
    expect(stored).toMatchObject({ settings: { defaultCountry: 'GB' } });
    // The background reads national numbers typed in the panel in that country now.
    const panel = await openExtensionPage('sidepanel.html');
    await lookUp(panel, '020 7946 0958');
    await expect(panel.getByTestId('active-number')).toHaveText('+44 20 7946 0958');
  });
});
