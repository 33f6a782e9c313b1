import type { Page } from '@playwright/test';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { cardPhone, DETECTION_PAGE_COUNTRY, REACT_LIST_PINNED } from '../sandbox/pages-detect';
import { enableSandboxPages, expect, test } from './fixtures';

/**
 * The detection engine in the built extension, on the generated CRM list the sandbox serves at
 * /detect/2000/ and on its list that keeps re-rendering itself (/react-list/).
 */

/** Ranges in one highlight registry entry, as text plus where they start. */
async function drawn(page: Page, name: string) {
  return page.evaluate((entry) => {
    const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
    return [...(registry.get(entry) ?? [])].map((range) => {
      const start = range.startContainer;
      const root = start.getRootNode();
      const row = (root instanceof ShadowRoot ? root.host : start.parentElement)?.closest('tr');
      const cell = (root instanceof ShadowRoot ? root.host : start.parentElement)?.closest('td');
      return {
        text: range.toString(),
        row: row?.getAttribute('data-row') ?? null,
        cell: cell?.className ?? null,
        split: range.startContainer !== range.endContainer,
        inShadow: root instanceof ShadowRoot,
      };
    });
  }, name);
}

async function waitForHighlights(page: Page, name = 'ringside-phone') {
  await page.waitForFunction((entry) => {
    const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
    return (registry.get(entry)?.size ?? 0) > 0;
  }, name);
}

const display = (text: string) =>
  parsePhoneNumberFromString(text, DETECTION_PAGE_COUNTRY)?.formatInternational() ?? text;

async function activeNumber(openExtensionPage: (path: string) => Promise<Page>) {
  const panel = await openExtensionPage('sidepanel.html');
  const locator = panel.getByTestId('active-number');
  return { panel, locator };
}

test.describe('detection engine on CRM pages', () => {
  test.beforeEach(({ openExtensionPage, sandbox }) => enableSandboxPages(openExtensionPage, sandbox));

  test('split and shadow-root numbers are drawn and clickable; traps are not drawn', async ({
    context,
    sandbox,
    openExtensionPage,
  }) => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${sandbox.url}/detect/2000/`);
    await waitForHighlights(page);
    await waitForHighlights(page, 'ringside-email');

    const phones = await drawn(page, 'ringside-phone');
    // Row 0 shows a US number split over elements ("<span>(415)</span> 555-2671" style), row 8 a
    // foreign one with its country code in <b>, row 7 a number inside an open shadow root.
    const row0 = (await page.locator('tr[data-row="0"] td.phone').textContent())?.trim() ?? '';
    const row8 = (await page.locator('tr[data-row="8"] td.phone').textContent())?.trim() ?? '';
    const chip = (await page.locator('tr[data-row="7"] contact-chip .chip').textContent()) ?? '';
    expect(phones).toContainEqual(
      expect.objectContaining({ row: '0', cell: 'phone', text: row0, split: true }),
    );
    expect(phones).toContainEqual(
      expect.objectContaining({ row: '8', cell: 'phone', text: row8, split: true }),
    );
    const shadowNumber = chip.replace(/^Mobile /, '');
    expect(phones).toContainEqual(expect.objectContaining({ inShadow: true, text: shadowNumber }));

    // Nothing in the notes column (dates, prices, ids, IPs, versions, ZIP+4, IBANs, cards, ISBNs, UUIDs,
    // timestamps, hidden and editable numbers) nor in the header is drawn.
    expect(
      phones.filter((range) => range.cell === 'notes' || (range.row === null && !range.inShadow)),
    ).toEqual([]);
    // A tel: link showing a name is drawn over its text, with the href's number.
    const link = (await page.locator('tr[data-row="3"] td.phone2 a').textContent()) ?? '';
    expect(phones).toContainEqual(expect.objectContaining({ row: '3', text: link }));

    // Clicking the split number dials it.
    await page.locator('tr[data-row="0"] td.phone').click();
    let { panel, locator } = await activeNumber(openExtensionPage);
    await expect(locator).toHaveText(display(row0));
    await panel.close();

    // So does clicking the number in the shadow root.
    await page.locator('tr[data-row="7"] contact-chip .chip').click({ position: { x: 60, y: 8 } });
    ({ panel, locator } = await activeNumber(openExtensionPage));
    await expect(locator).toHaveText(display(shadowNumber));
    await panel.close();
    expect(errors).toEqual([]);
  });

  test('hovering a number shows one overlay button that dials it', async ({
    context,
    sandbox,
    openExtensionPage,
  }) => {
    const page = await context.newPage();
    await page.goto(`${sandbox.url}/detect/2000/`);
    await waitForHighlights(page);
    const cell = page.locator('tr[data-row="2"] td.phone');
    const text = (await cell.textContent())?.trim() ?? '';
    const box = await cell.locator('span').boundingBox();
    if (!box) throw new Error('the number has no box');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    // One host on <html>, its button in a closed shadow root, placed just after the number.
    await expect(page.locator('html > ringside-overlay')).toHaveCount(1);
    expect(await page.evaluate(() => document.querySelector('ringside-overlay')?.shadowRoot)).toBeNull();
    await page.waitForTimeout(100);
    await page.mouse.click(box.x + box.width + 20, box.y + box.height / 2);
    const { locator } = await activeNumber(openExtensionPage);
    await expect(locator).toHaveText(display(text));
  });

  test('a click on a found email is taken by Ringside; clicks elsewhere stay the page’s', async ({
    context,
    sandbox,
  }) => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${sandbox.url}/detect/2000/`);
    await waitForHighlights(page, 'ringside-email');
    // Row 1 shows its address as plain text.
    const emails = await drawn(page, 'ringside-email');
    const address = (await page.locator('tr[data-row="1"] td.email').textContent())?.trim();
    expect(emails).toContainEqual(expect.objectContaining({ row: '1', cell: 'email', text: address }));

    // The page listens on the cells; Ringside's capture-phase listener takes the click on the address.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __seen: string[] }).__seen = seen;
      for (const cell of document.querySelectorAll('tr[data-row="1"] td')) {
        cell.addEventListener('click', () => seen.push(cell.className));
      }
    });
    await page.locator('tr[data-row="1"] td.email').click();
    await page.locator('tr[data-row="1"] td.company').click();
    expect(await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen)).toEqual([
      'company',
    ]);
    expect(errors).toEqual([]);
  });

  test('a list that re-renders like React keeps working and its number stays clickable', async ({
    context,
    sandbox,
    openExtensionPage,
  }) => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${sandbox.url}/react-list/`);
    await waitForHighlights(page);
    // Two seconds of re-renders: rows reordered, replaced, added, removed, text updated in place.
    await page.waitForTimeout(2000);
    await expect(page.locator('#status')).toHaveText(/render #(?:[89]|\d\d)/);
    const phones = await drawn(page, 'ringside-phone');
    expect(phones.map((range) => range.text)).toContain(REACT_LIST_PINNED.text);
    // Every drawn range is over text still on the page.
    const stale = await page.evaluate(() => {
      const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
      return [...(registry.get('ringside-phone') ?? [])].filter((range) => !range.startContainer.isConnected)
        .length;
    });
    expect(stale).toBe(0);

    await page.locator('li[data-key="pinned"] .phone').click();
    const { locator } = await activeNumber(openExtensionPage);
    await expect(locator).toHaveText(display(REACT_LIST_PINNED.text));
    expect(errors).toEqual([]);
  });

  test('on a long page of tall cards, the numbers in view are drawn wherever the reader scrolls', async ({
    context,
    sandbox,
  }) => {
    const page = await context.newPage();
    await page.goto(`${sandbox.url}/cards/`);
    await waitForHighlights(page);
    // Cards in view whose number is not in the highlight registry.
    const undrawnInView = () =>
      page.evaluate(() => {
        const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
        const drawnCards = new Set(
          [...(registry.get('ringside-phone') ?? [])].map(
            (range) =>
              range.startContainer.parentElement?.closest('article')?.getAttribute('data-card') ?? '',
          ),
        );
        return [...document.querySelectorAll('article.card')]
          .filter((card) => {
            const box = card.getBoundingClientRect();
            return box.top >= 0 && box.bottom <= innerHeight;
          })
          .map((card) => card.getAttribute('data-card') ?? '')
          .filter((card) => !drawnCards.has(card));
      });
    await expect.poll(undrawnInView).toEqual([]);
    for (const card of [60, 150, 225, 296]) {
      await page.evaluate((at) => {
        document.querySelector(`[data-card="${at}"]`)?.scrollIntoView({ block: 'center' });
      }, card);
      // Every card in view is drawn, not only the ones a group of matches happens to start or end at.
      await expect.poll(undrawnInView, { message: `cards in view around ${card}` }).toEqual([]);
      expect(await page.evaluate(() => document.querySelectorAll('article.card').length)).toBe(300);
    }
    // The number drawn is the card's own: what a click dials.
    const text = await page.evaluate(() => {
      const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
      return [...(registry.get('ringside-phone') ?? [])]
        .find((range) => range.startContainer.parentElement?.closest('[data-card="296"]'))
        ?.toString();
    });
    expect(text).toBe(cardPhone(296).text);
  });

  test('two numbers in one text node: editing one redraws it, keeps the other, and the new one dials', async ({
    context,
    sandbox,
    openExtensionPage,
  }) => {
    const page = await context.newPage();
    await page.goto(`${sandbox.url}/leads/`);
    await page.evaluate(() => {
      const line = document.createElement('p');
      line.id = 'pair';
      line.textContent = 'Office 415-555-0132 · Mobile 212-555-0199';
      document.body.prepend(line);
      // Kept for the checks, which must still find the node once it has left the page.
      (window as unknown as { pairText: Node }).pairText = line.firstChild as Node;
    });
    // The ranges drawn over the added line's one text node, as text.
    const inPair = () =>
      page.evaluate(() => {
        const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
        const node = (window as unknown as { pairText: Node }).pairText;
        return [...(registry.get('ringside-phone') ?? [])]
          .filter((range) => range.startContainer === node)
          .map((range) => range.toString())
          .sort();
      });
    await expect.poll(inPair).toEqual(['212-555-0199', '415-555-0132']);

    // The page edits the text in place (the same node), as a framework updating a cell would.
    await page.evaluate(() => {
      const node = (window as unknown as { pairText: Text }).pairText;
      node.data = 'Office 415-555-0132 · Mobile 646-555-0147';
    });
    await expect.poll(inPair).toEqual(['415-555-0132', '646-555-0147']);

    const box = await page.evaluate(() => {
      const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
      const range = [...(registry.get('ringside-phone') ?? [])].find(
        (drawnRange) => drawnRange.toString() === '646-555-0147',
      );
      const rect = range?.getBoundingClientRect();
      return rect && { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
    });
    if (!box) throw new Error('the edited number is not drawn');
    await page.mouse.click(box.x, box.y);
    const { locator } = await activeNumber(openExtensionPage);
    await expect(locator).toHaveText(display('646-555-0147'));

    await page.evaluate(() => document.getElementById('pair')?.remove());
    await expect.poll(inPair).toEqual([]);
  });
});
