import type { Page } from '@playwright/test';
import { HOSTILE } from '../sandbox/seed';
import { connectProvider } from './connect-ui';
import { expect, test } from './fixtures';

/**
 * A CRM record whose name, company, title and description are script and markup, whose website is a
 * `javascript:` URL, behind an API key whose user's name is markup too (sandbox seed HOSTILE). Wherever
 * Ringside shows it, the text appears literally and nothing of it runs or becomes an element.
 */

declare global {
  interface Window {
    __pwned?: unknown;
  }
}

const ACCOUNT_NAME = `${HOSTILE.userFirst} ${HOSTILE.userLast}`;

/** No element, handler or script link that could have come from the payloads, and nothing ran. */
async function expectInert(page: Page, where: string): Promise<void> {
  const report = await page.evaluate(() => {
    const linkAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href'];
    return {
      pwned: window.__pwned,
      elements: document.querySelectorAll('img, svg, iframe, object, embed, [onerror], [onload]').length,
      inlineScripts: [...document.scripts].filter((script) => !script.src).length,
      scriptLinks: [...document.querySelectorAll('*')].flatMap((element) =>
        linkAttributes
          .map((name) => element.getAttribute(name) ?? '')
          .filter((value) => /^\s*(javascript|data|vbscript):/i.test(value)),
      ),
    };
  });
  expect(report, where).toEqual({ pwned: undefined, elements: 0, inlineScripts: 0, scriptLinks: [] });
}

test('script and markup in CRM data stay text in options, the side panel and on the page', async ({
  context,
  openExtensionPage,
  sandbox,
}) => {
  // Options: the account the key belongs to is named with markup.
  const options = await openExtensionPage('options.html');
  await connectProvider(options, {
    provider: 'close',
    baseUrl: sandbox.closeApiUrl,
    fields: { apiKey: HOSTILE.key },
  });
  const row = options.locator('li[data-provider="close"]');
  await row.getByRole('button', { name: 'Test', exact: true }).click();
  await expect(row.getByRole('status').filter({ hasText: 'Working' })).toHaveText(
    `Working: signed in as ${ACCOUNT_NAME}.`,
  );
  await options.reload();
  await expect(options.locator('li[data-provider="close"]')).toContainText(ACCOUNT_NAME);
  // The user mapping (matched by the key's email) names that same user, as text.
  await expect(options.getByText(`Calls are logged as ${ACCOUNT_NAME}`)).toBeVisible();
  await expectInert(options, 'options');

  // The CRM's own page (the sandbox escapes it) with Ringside's content script scanning it.
  const lead = await context.newPage();
  await lead.goto(`${sandbox.url}/lead/${HOSTILE.leadId}/`);
  await expect(lead.getByText(HOSTILE.contactName)).toBeVisible();
  await expect
    .poll(() =>
      lead.evaluate(
        () =>
          (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('ringside-phone')
            ?.size ?? 0,
      ),
    )
    .toBeGreaterThan(0);
  // "On this page": what the content script tells the panel is the number and the address, nothing else.
  const panel = await openExtensionPage('sidepanel.html');
  const onThisPage = await panel.evaluate(async (url) => {
    const [tab] = await chrome.tabs.query({ url });
    return tab?.id === undefined
      ? undefined
      : chrome.tabs.sendMessage(tab.id, { type: 'page.contacts', payload: {} });
  }, `${sandbox.url}/lead/*`);
  expect(onThisPage).toEqual({
    ok: true,
    data: {
      contacts: expect.arrayContaining([
        { kind: 'phone', value: HOSTILE.phone },
        { kind: 'email', value: HOSTILE.email },
      ]),
    },
  });
  expect(JSON.stringify(onThisPage)).not.toMatch(/[<>]/);

  // A click on the number (the content script's overlay path) opens the lookup in the side panel.
  await lead.locator(`span.phone[data-phone="${HOSTILE.phone}"]`).first().click();
  await expect(panel.getByTestId('record-name')).toHaveText(HOSTILE.contactName);
  await expect(panel.getByTestId('record-company')).toHaveText(HOSTILE.leadName);
  await expect(panel.getByText(HOSTILE.title)).toBeVisible();
  await expect(panel.getByRole('link', { name: 'Open in Close' })).toHaveAttribute(
    'href',
    `${sandbox.url}/lead/${HOSTILE.leadId}/`,
  );
  // A call logged with a note that is markup too, shown back as text once delivered.
  await panel.getByLabel('Note').fill(HOSTILE.leadDescription);
  await panel.getByRole('button', { name: 'Log call' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Logged' })).toContainText('Logged to Close.');
  // Recent calls shows the record's name and the markup note back as text.
  const history = panel.getByRole('region', { name: 'Recent calls' });
  await expect(history).toContainText(HOSTILE.contactName);
  await expect(history).toContainText(HOSTILE.leadDescription);
  await expectInert(panel, 'side panel');

  // The page itself: Ringside's highlights and overlay added nothing that runs.
  await lead.locator(`span.phone[data-phone="${HOSTILE.phone}"]`).first().hover();
  expect(await lead.evaluate(() => window.__pwned)).toBeUndefined();
  // The sandbox page's own javascript: website link is the CRM's, not Ringside's: it is the only one there.
  const pageScriptLinks = await lead.evaluate(() =>
    [...document.querySelectorAll('a[href^="javascript:" i]')].map((link) => link.getAttribute('href')),
  );
  expect(pageScriptLinks).toEqual([HOSTILE.leadUrl]);
});
