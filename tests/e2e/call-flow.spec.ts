import type { Page } from '@playwright/test';
import { DEMO_KEYS, SEEDED } from '../sandbox/seed';
import type { Sandbox } from '../sandbox/server';
import { connectSandbox, expect, lookUp, test } from './fixtures';

/** Remembers the page's own text nodes before Ringside runs, so a test can prove none was replaced. */
async function rememberPhoneTextNodes(page: Page) {
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const nodes = [...document.querySelectorAll('span.phone')].map((span) => span.firstChild);
      (window as unknown as { __phoneNodes: (ChildNode | null)[] }).__phoneNodes = nodes;
    });
  });
}

async function waitForHighlights(page: Page) {
  await page.waitForFunction(() => {
    const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
    return (registry.get('ringside-phone')?.size ?? 0) > 0;
  });
}

/** Close connected to the sandbox, and the side panel matched on Priya Patel's number. */
async function panelOnPriya(
  openExtensionPage: (path: string) => Promise<Page>,
  sandbox: Sandbox,
): Promise<Page> {
  const options = await openExtensionPage('options.html');
  await connectSandbox(options, sandbox, DEMO_KEYS.riley);
  const panel = await openExtensionPage('sidepanel.html');
  await lookUp(panel, SEEDED.priya.phone);
  await expect(panel.getByTestId('record-name')).toHaveText('Priya Patel');
  return panel;
}

test.describe('click a number, see who it is, log the call', () => {
  test('from the lead page to a call activity in Close', async ({ context, openExtensionPage, sandbox }) => {
    const options = await openExtensionPage('options.html');
    await connectSandbox(options, sandbox, DEMO_KEYS.riley);

    const lead = await context.newPage();
    await rememberPhoneTextNodes(lead);
    await lead.goto(`${sandbox.url}/lead/${SEEDED.jane.leadId}/`);
    await waitForHighlights(lead);

    // Decoys (a date, a price, an order id) are not highlighted; the phones are.
    const highlighted = await lead.evaluate(() => {
      const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
      return [...(registry.get('ringside-phone') ?? [])].map((range) => range.toString());
    });
    expect(highlighted.sort()).toEqual(['(415) 555-0132', '+1 415-555-0178', '+1 415-555-2671']);

    // The page's own text nodes are the very same objects: nothing was wrapped or replaced.
    const untouched = await lead.evaluate(() => {
      const before = (window as unknown as { __phoneNodes: (ChildNode | null)[] }).__phoneNodes;
      const now = [...document.querySelectorAll('span.phone')].map((span) => span.firstChild);
      return before.length > 0 && before.length === now.length && before.every((node, i) => node === now[i]);
    });
    expect(untouched).toBe(true);

    await lead.locator(`span.phone[data-phone="${SEEDED.jane.mobile}"]`).first().click();

    const panel = await openExtensionPage('sidepanel.html');
    await expect(panel.getByTestId('active-number')).toHaveText('+1 415 555 2671');
    await expect(panel.getByTestId('record-name')).toHaveText('Jane Doe');
    await expect(panel.getByTestId('record-company')).toHaveText('Acme Robotics');
    await expect(panel.getByRole('link', { name: 'Open in Close' })).toHaveAttribute(
      'href',
      `${sandbox.url}/lead/${SEEDED.jane.leadId}/`,
    );
    // One match is selected by itself.
    await expect(panel.getByRole('region', { name: 'Matches' }).getByRole('checkbox')).toBeChecked();

    await panel.getByLabel('Duration (m:ss)').fill('2:05');
    await panel.getByLabel('Note').fill('Discussed the senior robotics role; send the JD by Friday.');
    await panel.getByRole('button', { name: 'Log call' }).click();
    await expect(panel.getByRole('status').filter({ hasText: 'Logged' })).toContainText('Logged to Close.');
    await expect(panel.getByRole('link', { name: 'View in Close' })).toBeVisible();

    expect(sandbox.state.calls).toHaveLength(1);
    const call = sandbox.state.calls[0];
    expect(call).toMatchObject({
      lead_id: SEEDED.jane.leadId,
      contact_id: SEEDED.jane.contactId,
      direction: 'outbound',
      duration: 125,
      phone: '+14155552671',
      note: 'Discussed the senior robotics role; send the JD by Friday.',
      status: 'completed',
    });
    expect(Date.now() - Date.parse(String(call?.activity_at))).toBeLessThan(5 * 60_000);

    // The lead page's timeline shows the logged call after a reload.
    await lead.reload();
    await expect(lead.locator('#activities')).toContainText('Discussed the senior robotics role');
  });

  test('a tel: link dials in Ringside instead of leaving the page', async ({
    context,
    openExtensionPage,
    sandbox,
  }) => {
    const options = await openExtensionPage('options.html');
    await connectSandbox(options, sandbox, DEMO_KEYS.riley);
    const lead = await context.newPage();
    await lead.goto(`${sandbox.url}/lead/${SEEDED.jane.leadId}/`);
    await waitForHighlights(lead);
    await lead.locator('a[href^="tel:"]').first().click();
    const panel = await openExtensionPage('sidepanel.html');
    await expect(panel.getByTestId('record-name')).toHaveText('Jane Doe');
    expect(lead.url()).toBe(`${sandbox.url}/lead/${SEEDED.jane.leadId}/`);
  });

  test('several matches are offered to choose from; an unknown number says no match', async ({
    openExtensionPage,
    sandbox,
  }) => {
    const options = await openExtensionPage('options.html');
    await connectSandbox(options, sandbox, DEMO_KEYS.riley);
    const panel = await openExtensionPage('sidepanel.html');
    await lookUp(panel, SEEDED.shared.phone);
    await expect(panel.getByTestId('record-name')).toHaveCount(2);
    await expect(panel.getByRole('button', { name: 'Log call' })).toBeDisabled();
    await panel.getByRole('region', { name: 'Matches' }).getByRole('checkbox').nth(1).check();
    await expect(panel.getByRole('button', { name: 'Log call' })).toBeEnabled();

    await lookUp(panel, '+1 (650) 555-0111');
    await expect(panel.getByText('No match in Close')).toBeVisible();

    await lookUp(panel, '415 555');
    await expect(panel.locator('#dial-error')).toHaveText(
      'Too short for United States (+1): 6 digits where a number has 10.',
    );
  });

  test('a failed delivery is kept, retried by itself and lands exactly once', async ({
    openExtensionPage,
    sandbox,
  }) => {
    const panel = await panelOnPriya(openExtensionPage, sandbox);
    sandbox.faults.add({ kind: 'status', status: 502, path: 'activity/call/', times: 1 });
    await panel.getByLabel('Note').fill('Left a voicemail about the Leeds contract.');
    await panel.getByRole('button', { name: 'Log call' }).click();
    const pending = panel.getByRole('region', { name: 'Waiting to be logged' });
    await expect(pending).toContainText('Call with Priya Patel');
    await expect(pending).toContainText('Close is unavailable right now (HTTP 502).');
    await expect(panel.getByRole('status').filter({ hasText: 'Logged' })).toContainText('Logged to Close.', {
      timeout: 15_000,
    });
    await expect(pending).toHaveCount(0);
    expect(sandbox.state.calls.map((call) => call.note)).toEqual([
      'Left a voicemail about the Leeds contract.',
    ]);
  });

  test('a log the CRM refuses waits for the recruiter, who edits and resends it', async ({
    openExtensionPage,
    sandbox,
    serviceWorker,
  }) => {
    const panel = await panelOnPriya(openExtensionPage, sandbox);
    sandbox.faults.add({ kind: 'status', status: 400, path: 'activity/call/', times: 1 });
    await panel.getByLabel('Note').fill('First draft.');
    await panel.getByRole('button', { name: 'Log call' }).click();
    const item = panel.getByRole('region', { name: 'Waiting to be logged' }).getByRole('listitem');
    await expect(item).toHaveAttribute('data-state', 'attention');
    await expect(item.getByRole('alert')).toContainText('Not logged: Close refused the request (HTTP 400).');
    // The toolbar badge counts it until it lands.
    await expect.poll(() => serviceWorker.evaluate(() => chrome.action.getBadgeText({}))).toBe('1');
    await item.getByLabel('Note').fill('Second draft, fixed.');
    await item.getByRole('button', { name: 'Resend' }).click();
    await expect(panel.getByRole('region', { name: 'Waiting to be logged' })).toHaveCount(0);
    expect(sandbox.state.calls.map((call) => call.note)).toEqual(['Second draft, fixed.']);
    await expect.poll(() => serviceWorker.evaluate(() => chrome.action.getBadgeText({}))).toBe('');
  });
});
