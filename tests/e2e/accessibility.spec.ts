import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { DEMO_KEYS, SEEDED } from '../sandbox/seed';
import { connectSandbox, expect, test } from './fixtures';
import { RECORD_HAND_OFFS } from './tel-hand-off';

/** WCAG 2.1 A and AA: labels, names, roles, contrast, focus order hints. */
async function expectNoViolations(page: Page, scheme: 'light' | 'dark') {
  await page.emulateMedia({ colorScheme: scheme });
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
  expect(summary, `${scheme} theme`).toEqual([]);
}

/** Presses Tab (only Tab) until `target` has the focus: the page's own focus order gets there. */
async function tabTo(page: Page, target: Locator, limit = 60) {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

test.describe('accessibility', () => {
  test('options and side panel pass axe in light and dark themes', async ({ openExtensionPage, sandbox }) => {
    const options = await openExtensionPage('options.html');
    await connectSandbox(options, sandbox, DEMO_KEYS.riley);
    for (const scheme of ['light', 'dark'] as const) await expectNoViolations(options, scheme);

    const panel = await openExtensionPage('sidepanel.html');
    await panel.getByLabel('Phone number').fill(SEEDED.jane.mobile);
    await panel.keyboard.press('Enter');
    await expect(panel.getByTestId('record-name').first()).toHaveText('Jane Doe');
    for (const scheme of ['light', 'dark'] as const) await expectNoViolations(panel, scheme);
  });

  test('a whole call with the keyboard alone: dial, call, end, write the summary, log', async ({
    context,
    openExtensionPage,
    sandbox,
  }) => {
    const options = await openExtensionPage('options.html');
    await connectSandbox(options, sandbox, DEMO_KEYS.riley);
    await context.addInitScript({ content: RECORD_HAND_OFFS });
    const panel = await openExtensionPage('sidepanel.html');
    const keys = panel.keyboard;

    await tabTo(panel, panel.getByLabel('Phone number'));
    await keys.type('+1 415 555 2671');
    await keys.press('Enter');
    const matches = panel.getByRole('region', { name: 'Matches' });
    await expect(matches.getByRole('checkbox', { name: /Jane Doe/ })).toBeChecked();

    await tabTo(panel, panel.getByRole('button', { name: 'Call', exact: true }));
    await keys.press('Enter');
    // The call moves the focus to "Call ended" itself, so Enter ends it.
    await expect(panel.getByRole('button', { name: 'Call ended' })).toBeFocused();
    await keys.press('Enter');

    await tabTo(panel, panel.getByLabel('Note'));
    await keys.type('Keyboard only: left a voicemail.');
    await tabTo(panel, panel.getByRole('button', { name: 'Log call' }));
    await keys.press('Enter');
    await expect(panel.getByRole('status').filter({ hasText: 'Logged' })).toContainText('Logged to Close.');
    const calls = sandbox.requests.filter(
      (request) => request.method === 'POST' && request.path === '/api/v1/activity/call/',
    );
    expect(calls.map((request) => (request.body as { note?: string }).note)).toEqual([
      'Keyboard only: left a voicemail.',
    ]);
    // The panel after a call (recent calls listed) and with the new-record form open passes too.
    await expect(panel.getByRole('region', { name: 'Recent calls' })).toContainText('Jane Doe');
    await panel.getByRole('button', { name: 'Create record' }).click();
    await expect(panel.getByRole('region', { name: 'New record' })).toBeVisible();
    for (const scheme of ['light', 'dark'] as const) await expectNoViolations(panel, scheme);
  });
});
