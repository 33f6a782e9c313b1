import type { CDPSession, Page } from '@playwright/test';
import { pageBundle } from '../support/page-bundle';
import { expect, test } from './fixtures';

/**
 * Where the browser has no CSS Custom Highlight API (Firefox before 140, which the Firefox build
 * supports), matches are drawn as tinted boxes in Ringside's overlay. Chromium cannot switch the API
 * off for the extension's world, so the engine (lib/dom/engine.ts, as the content script runs it) is
 * bundled into a page whose `Highlight` is deleted first, in real Chromium.
 */

const rows = Array.from({ length: 10 }, (_, index) => `<p>Row ${index + 1}: 212-555-01${10 + index}</p>`);
const PAGE = `<!doctype html><html><head><style>
  body { margin: 0; font: 16px/24px sans-serif; }
  #list { height: 96px; overflow: auto; }
  #list p { margin: 0; height: 32px; }
</style></head><body>
  <p id="top">Call 415-555-0132 now</p>
  <div id="list">${rows.join('')}</div>
  <div style="height: 3000px"></div>
</body></html>`;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The boxes in the overlay's closed shadow root (only the DevTools protocol reaches in), in viewport pixels. */
async function boxes(cdp: CDPSession): Promise<Box[]> {
  interface DomNode {
    nodeId: number;
    attributes?: string[];
    children?: DomNode[];
    shadowRoots?: DomNode[];
  }
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const marks: number[] = [];
  const visit = (node: DomNode) => {
    const attributes = node.attributes ?? [];
    const classIndex = attributes.indexOf('class');
    if (classIndex >= 0 && (attributes[classIndex + 1] ?? '').split(' ').includes('mark'))
      marks.push(node.nodeId);
    for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) visit(child);
  };
  visit(root);
  const found: Box[] = [];
  for (const nodeId of marks) {
    const { quads } = (await cdp.send('DOM.getContentQuads', { nodeId })) as { quads: number[][] };
    const quad = quads[0];
    if (!quad) continue;
    const xs = [quad[0], quad[2], quad[4], quad[6]] as number[];
    const ys = [quad[1], quad[3], quad[5], quad[7]] as number[];
    found.push({
      x: Math.min(...xs),
      y: Math.min(...ys),
      width: Math.max(...xs) - Math.min(...xs),
      height: Math.max(...ys) - Math.min(...ys),
    });
  }
  return found.sort((one, other) => one.y - other.y);
}

/** Where the page lays out a piece of its text, in viewport pixels. */
function textBox(page: Page, selector: string, text: string): Promise<Box> {
  return page.evaluate(
    ({ selector, text }) => {
      const node = document.querySelector(selector)?.firstChild as Text;
      const range = document.createRange();
      const start = node.data.indexOf(text);
      range.setStart(node, start);
      range.setEnd(node, start + text.length);
      const rect = range.getBoundingClientRect();
      return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
    },
    { selector, text },
  );
}

const near = (box: Box, expected: Box) =>
  Math.abs(box.x - expected.x) < 1.5 &&
  Math.abs(box.y - expected.y) < 1.5 &&
  Math.abs(box.width - expected.width) < 1.5 &&
  Math.abs(box.height - expected.height) < 1.5;

test('without the Highlight API, matches are drawn as boxes that follow scrolling and inner scrollers', async ({
  context,
}) => {
  const page = await context.newPage();
  await page.setViewportSize({ width: 800, height: 600 });
  await page.setContent(PAGE);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.evaluate(() => {
    delete (window as { Highlight?: unknown }).Highlight;
  });
  await page.addScriptTag({
    content: await pageBundle(
      `import { startDetection } from './lib/dom/engine'; window.ringsideEngine = { startDetection };`,
    ),
  });
  const painter = await page.evaluate(() => {
    const dialed: string[] = [];
    (window as unknown as { dialed: string[] }).dialed = dialed;
    const { startDetection } = (
      window as unknown as {
        ringsideEngine: { startDetection: typeof import('../../lib/dom/engine').startDetection };
      }
    ).ringsideEngine;
    const detection = startDetection(window, {
      defaultCountry: 'US',
      onDial: (value) => dialed.push(value),
      onLookupEmail: () => undefined,
      overlayText: () => ({ label: 'Call', title: 'Call' }),
      signal: new AbortController().signal,
    });
    return detection.whenIdle().then(() => detection.stats().painter);
  });
  expect(painter).toBe('boxes');
  const cdp = await page.context().newCDPSession(page);

  // The number at the top and the three rows the inner list shows; its other seven rows are scrolled
  // out of its box, so nothing of them is drawn over the page below it.
  const top = await textBox(page, '#top', '415-555-0132');
  const firstRow = await textBox(page, '#list p:nth-child(1)', '212-555-0110');
  await expect.poll(async () => (await boxes(cdp)).length).toBe(4);
  let drawn = await boxes(cdp);
  expect(near(drawn[0] as Box, top), JSON.stringify({ drawn: drawn[0], top })).toBe(true);
  expect(near(drawn[1] as Box, firstRow), JSON.stringify({ drawn: drawn[1], firstRow })).toBe(true);
  const list = await page.evaluate(() => {
    const rect = (document.getElementById('list') as HTMLElement).getBoundingClientRect();
    return { top: rect.top, bottom: rect.bottom };
  });
  expect(drawn.slice(1).every((box) => box.y >= list.top && box.y + box.height <= list.bottom)).toBe(true);

  // The page scrolls: the boxes follow their text.
  // (Less than the number's distance from the top: a box is cut to the viewport.)
  await page.evaluate(() => window.scrollTo(0, 10));
  const moved = await textBox(page, '#top', '415-555-0132');
  expect(moved.y).toBeCloseTo(top.y - 10, 0);
  expect(moved.y).toBeGreaterThan(0);
  await expect.poll(async () => (await boxes(cdp))[0]?.y ?? Number.NaN).toBeCloseTo(moved.y, 0);

  // The inner list scrolls: rows 4 to 6 are drawn in place of rows 1 to 3, and still only inside it.
  await page.evaluate(() => {
    (document.getElementById('list') as HTMLElement).scrollTop = 96;
  });
  const fourthRow = await textBox(page, '#list p:nth-child(4)', '212-555-0113');
  await expect.poll(async () => (await boxes(cdp))[1]?.y ?? Number.NaN).toBeCloseTo(fourthRow.y, 0);
  drawn = await boxes(cdp);
  expect(drawn).toHaveLength(4);

  // The boxes take no clicks: the number under one still dials.
  await page.mouse.click(moved.x + moved.width / 2, moved.y + moved.height / 2);
  expect(await page.evaluate(() => (window as unknown as { dialed: string[] }).dialed)).toEqual([
    '+14155550132',
  ]);
  expect(errors).toEqual([]);
});
