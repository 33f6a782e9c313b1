import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DEMO_KEYS, SEEDED } from '../sandbox/seed';
import { connectSandbox, expect, test } from './fixtures';

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
});
