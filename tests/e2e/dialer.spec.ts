import type { Locator, Page, Worker } from '@playwright/test';
import { DEMO_KEYS, SEEDED } from '../sandbox/seed';
import { connectSandbox, expect, test } from './fixtures';
import { RECORD_HAND_OFFS } from './tel-hand-off';

/** The parts of `chrome` these tests call in the service worker (types only; the worker has the real one). */
interface WorkerChrome {
  chrome: {
    runtime: { getManifest(): { commands?: Record<string, { suggested_key?: Record<string, string> }> } };
    commands: {
      getAll(): Promise<{ name?: string; shortcut?: string }[]>;
      onCommand: { dispatch(command: string, tab?: { id?: number; windowId?: number }): void };
    };
    tabs: { query(filter: object): Promise<{ id?: number; windowId?: number }[]> };
    storage: {
      local: { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> };
      session: { get(key: string): Promise<Record<string, unknown>> };
    };
  };
}

/** National numbers are read as US numbers, whatever the test machine's locale. */
async function useUnitedStates(serviceWorker: Worker) {
  await serviceWorker.evaluate(() =>
    (globalThis as unknown as WorkerChrome).chrome.storage.local.set({
      settings: { defaultCountry: 'US', leaveTelLinks: false, disabledSites: [] },
    }),
  );
}

async function openDialer(openExtensionPage: (path: string) => Promise<Page>, serviceWorker: Worker) {
  await useUnitedStates(serviceWorker);
  const panel = await openExtensionPage('sidepanel.html');
  await expect(panel.getByLabel('Country')).toHaveValue('US');
  return { panel, number: panel.getByLabel('Phone number'), country: panel.getByLabel('Country') };
}

/** A real paste event carrying `text`, as the clipboard would deliver it. */
async function paste(field: Locator, text: string) {
  await field.focus();
  await field.evaluate((element, pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    element.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
}

const handedOff = (page: Page) =>
  page.evaluate(() => (window as unknown as { __handedOff: string[] }).__handedOff);

/** The timer's "mm:ss" in seconds. */
async function clockSeconds(timer: Locator): Promise<number> {
  const [minutes, seconds] = ((await timer.textContent()) ?? '').split(':').map(Number);
  return (minutes ?? 0) * 60 + (seconds ?? 0);
}

const storedSession = (serviceWorker: Worker) =>
  serviceWorker.evaluate(async () => {
    const { callSession } = await (globalThis as unknown as WorkerChrome).chrome.storage.local.get(
      'callSession',
    );
    return callSession as {
      state: string;
      direction: string;
      durationSec?: number;
      startedAt?: number;
    } | null;
  });

test.describe('the dialer', () => {
  test('formats as you type, re-reads the digits for another country, and keeps a too-short number', async ({
    openExtensionPage,
    serviceWorker,
  }) => {
    const { panel, number, country } = await openDialer(openExtensionPage, serviceWorker);
    await expect(country.locator('option:checked')).toHaveText('United States (+1)');

    await number.pressSequentially('415555');
    await expect(number).toHaveValue('(415) 555');
    await number.pressSequentially('2671');
    await expect(number).toHaveValue('(415) 555-2671');

    // Backspace right after a bracket removes the digit before it, not just the bracket.
    await number.fill('');
    await number.pressSequentially('4155552671');
    await number.press('Home');
    for (let i = 0; i < 5; i++) await number.press('ArrowRight');
    await number.press('Backspace');
    await expect(number).toHaveValue('(415) 552-671');
    // The caret stayed after the same digit: typing puts the 5 back where it was.
    await number.press('5');
    await expect(number).toHaveValue('(415) 555-2671');

    await number.fill('');
    await number.pressSequentially('02079460958');
    await country.selectOption('GB');
    await expect(number).toHaveValue('020 7946 0958');
    await number.press('Enter');
    await expect(panel.getByTestId('active-number')).toHaveText('+44 20 7946 0958');

    await country.selectOption('US');
    await number.fill('');
    await number.pressSequentially('41555526');
    await number.press('Enter');
    const error = panel.locator('#dial-error');
    await expect(error).toHaveText('Too short for United States (+1): 8 digits where a number has 10.');
    await expect(number).toHaveValue('(415) 555-26');
    await expect(number).toHaveAttribute('aria-invalid', 'true');
    await expect(number).toBeFocused();
    // The panel still shows the number dialled before.
    await expect(panel.getByTestId('active-number')).toHaveText('+44 20 7946 0958');

    await number.fill('+999 123 4567');
    await panel.getByRole('button', { name: 'Look up' }).click();
    await expect(error).toHaveText('+999 is not a country calling code.');
    await number.fill('415 555 CALL');
    await number.press('Enter');
    await expect(error).toHaveText('Phone numbers have no letters: remove “CALL”.');
    await expect(number).toHaveValue('415 555 CALL');
  });

  test('pasting a tel: URI, an extension, full-width digits and odd dashes all work', async ({
    openExtensionPage,
    serviceWorker,
  }) => {
    const { panel, number, country } = await openDialer(openExtensionPage, serviceWorker);

    await paste(number, 'tel:+1 (415) 555-2671');
    await expect(number).toHaveValue('+1 415 555 2671');
    await number.press('Enter');
    await expect(panel.getByTestId('active-number')).toHaveText('+1 415 555 2671');

    await number.fill('');
    await paste(number, '+44 20 7946 0958 ext. 12');
    await expect(number).toHaveValue('+44 20 7946 0958');
    // A number typed or pasted with its country code picks its own country.
    await expect(country).toHaveValue('GB');
    await expect(panel.locator('#dial-extension')).toHaveText(
      'Extension 12: dial it once the call connects.',
    );
    await number.press('Enter');
    await expect(panel.getByTestId('active-number')).toHaveText('+44 20 7946 0958');

    await number.fill('');
    await paste(number, '＋１\u00A0４１５\u2013５５５\u2013０１３２');
    await expect(number).toHaveValue('+1 415 555 0132');
    await expect(country).toHaveValue('US');
    await number.press('Enter');
    await expect(panel.getByTestId('active-number')).toHaveText('+1 415 555 0132');
  });

  test('Enter dials; the number joins the recent numbers, with its name, and a click dials it again', async ({
    openExtensionPage,
    serviceWorker,
    sandbox,
  }) => {
    const options = await openExtensionPage('options.html');
    await connectSandbox(options, sandbox, DEMO_KEYS.riley);
    const { panel, number } = await openDialer(openExtensionPage, serviceWorker);
    const recent = panel.getByTestId('recent-number');
    await expect(recent).toHaveCount(0);

    await number.pressSequentially('4155552671');
    await number.press('Enter');
    await expect(panel.getByTestId('record-name')).toHaveText(SEEDED.jane.name);
    await expect(recent).toHaveText(['+1 415 555 2671 · Jane Doe']);

    await number.fill('+44 20 7946 0958');
    await number.press('Enter');
    await expect(panel.getByTestId('record-name')).toHaveText(SEEDED.priya.name);
    await expect(recent).toHaveText(['+44 20 7946 0958 · Priya Patel', '+1 415 555 2671 · Jane Doe']);

    // A recent number is one click (or Enter) from dialling again, and moves to the top.
    await recent.filter({ hasText: 'Jane Doe' }).click();
    await expect(panel.getByTestId('active-number')).toHaveText('+1 415 555 2671');
    await expect(panel.getByTestId('record-name')).toHaveText(SEEDED.jane.name);
    await expect(recent.first()).toHaveText('+1 415 555 2671 · Jane Doe');
    await expect(recent).toHaveCount(2);

    // Recent numbers outlive the panel.
    await panel.reload();
    await expect(panel.getByTestId('recent-number')).toHaveCount(2);
    await panel.getByRole('button', { name: 'Clear recent numbers' }).click();
    await expect(panel.getByTestId('recent-number')).toHaveCount(0);
  });

  test('the open-dialer shortcut is declared and its handler focuses the number field', async ({
    openExtensionPage,
    serviceWorker,
  }) => {
    const declared = await serviceWorker.evaluate(async () => {
      const { chrome } = globalThis as unknown as WorkerChrome;
      return {
        manifest: chrome.runtime.getManifest().commands?.['open-dialer']?.suggested_key,
        bound: (await chrome.commands.getAll()).find((command) => command.name === 'open-dialer')?.shortcut,
      };
    });
    expect(declared.manifest).toEqual({ default: 'Ctrl+Shift+1', mac: 'Command+Shift+1' });
    // Chrome accepted the key: it is bound, not dropped for a clash.
    expect(declared.bound).toBe('Ctrl+Shift+1');

    const { panel, number } = await openDialer(openExtensionPage, serviceWorker);
    await panel.getByRole('heading', { name: 'Ringside' }).click();
    await expect(number).not.toBeFocused();
    // Chrome's own dispatch of the command event runs the background's listener, as the key press would.
    await serviceWorker.evaluate(async () => {
      const { chrome } = globalThis as unknown as WorkerChrome;
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      chrome.commands.onCommand.dispatch('open-dialer', { id: tab?.id, windowId: tab?.windowId });
    });
    await expect(number).toBeFocused();
    const flag = await serviceWorker.evaluate(() =>
      (globalThis as unknown as WorkerChrome).chrome.storage.session.get('dialerFocus'),
    );
    expect(Date.now() - ((flag.dialerFocus as { at: number }).at ?? 0)).toBeLessThan(30_000);

    // A panel opened by the shortcut (so just after it) starts with the field focused.
    const opened = await openExtensionPage('sidepanel.html');
    await expect(opened.getByLabel('Phone number')).toBeFocused();
  });
});

test.describe('the call session', () => {
  test('Call starts a timer that survives a reload; Call ended goes to wrap-up with the duration', async ({
    context,
    openExtensionPage,
    serviceWorker,
  }) => {
    await context.addInitScript({ content: RECORD_HAND_OFFS });
    const { panel, number } = await openDialer(openExtensionPage, serviceWorker);
    await number.pressSequentially('4155552671');
    await number.press('Enter');
    const controls = panel.getByRole('region', { name: 'Call controls' });
    await expect(controls).toHaveAttribute('data-state', 'idle');
    await expect(panel.getByRole('radio', { name: 'Outbound' }).first()).toBeChecked();

    // Keyboard: Tab reaches Call and Enter presses it.
    const call = controls.getByRole('button', { name: 'Call', exact: true });
    await call.focus();
    await panel.keyboard.press('Enter');
    await expect(controls).toHaveAttribute('data-state', 'in-call');
    // Focus moves from the vanished Call button to the one that ends the call.
    await expect(controls.getByRole('button', { name: 'Call ended' })).toBeFocused();
    // The number went to the phone app, and the panel stayed where it is.
    expect(await handedOff(panel)).toEqual(['tel:+14155552671']);
    expect(panel.url()).toMatch(/sidepanel\.html$/);
    const timer = panel.getByRole('timer', { name: 'Call time' });
    await expect(timer).toHaveText(/^\d\d:\d\d$/);
    const first = await clockSeconds(timer);
    await expect.poll(() => clockSeconds(timer), { timeout: 5_000 }).toBeGreaterThanOrEqual(first + 2);

    // A number dialled mid-call waits as "next"; the running call stays.
    await number.fill('+44 20 7946 0958');
    await number.press('Enter');
    await expect(controls.getByText('Next: +44 20 7946 0958')).toBeVisible();
    await expect(panel.getByTestId('active-number')).toHaveText('+1 415 555 2671');
    await expect(controls).toHaveAttribute('data-state', 'in-call');

    await panel.reload();
    const reloaded = panel.getByRole('region', { name: 'Call controls' });
    await expect(reloaded).toHaveAttribute('data-state', 'in-call');
    // Still running from when the call connected, not from the reload.
    const afterReload = panel.getByRole('timer', { name: 'Call time' });
    await expect.poll(() => clockSeconds(afterReload), { timeout: 5_000 }).toBeGreaterThanOrEqual(first + 3);

    await reloaded.getByRole('button', { name: 'Call ended' }).click();
    await expect(reloaded).toHaveAttribute('data-state', 'wrap-up');
    const stored = await storedSession(serviceWorker);
    expect(stored).toMatchObject({ state: 'wrap-up', direction: 'outbound' });
    const seconds = stored?.durationSec ?? -1;
    expect(seconds).toBeGreaterThanOrEqual(3);
    expect(seconds).toBeLessThan(30);
    await expect(reloaded.getByTestId('call-duration')).toHaveText(`00:${String(seconds).padStart(2, '0')}`);
    // The log form gets the timed duration.
    await expect(panel.getByLabel('Duration (m:ss)')).toHaveValue(`0:${String(seconds).padStart(2, '0')}`);

    // Once over, the waiting number is one click away.
    await reloaded.getByRole('button', { name: 'Go to next' }).click();
    await expect(panel.getByTestId('active-number')).toHaveText('+44 20 7946 0958');
    await expect(reloaded).toHaveAttribute('data-state', 'idle');
  });

  test('a call made elsewhere (inbound, 5 min) goes straight to wrap-up with those values', async ({
    openExtensionPage,
    serviceWorker,
  }) => {
    const { panel, number } = await openDialer(openExtensionPage, serviceWorker);
    await number.pressSequentially('4155552671');
    await number.press('Enter');
    const controls = panel.getByRole('region', { name: 'Call controls' });
    await expect(controls).toHaveAttribute('data-state', 'idle');

    // The disclosure opens from the keyboard.
    await controls.getByText('Log a call made elsewhere').focus();
    await panel.keyboard.press('Enter');
    const form = panel.getByRole('form', { name: 'Call made elsewhere' });
    await expect(form).toBeVisible();
    await form.getByRole('radio', { name: 'Inbound' }).check();
    const before = Date.now();
    await form.getByLabel('Length of the call (m:ss)').fill('5:00');
    // The start follows the length until edited: now minus five minutes, to the minute.
    const start = await form.getByLabel('Started at').inputValue();
    const startMs = new Date(start).getTime();
    expect(Math.abs(before - 300_000 - startMs)).toBeLessThan(2 * 60_000);

    await form.getByLabel('Length of the call (m:ss)').fill('5 minutes');
    await form.getByRole('button', { name: 'Wrap up this call' }).click();
    await expect(form.locator('#elsewhere-duration-error')).toHaveText(
      'Enter the duration as minutes:seconds, such as 3:25.',
    );
    await form.getByLabel('Length of the call (m:ss)').fill('5:00');
    await form.getByLabel('Length of the call (m:ss)').press('Enter');

    await expect(controls).toHaveAttribute('data-state', 'wrap-up');
    await expect(controls.getByTestId('call-summary')).toContainText('inbound');
    await expect(controls.getByTestId('call-duration')).toHaveText('05:00');
    await expect(panel.getByLabel('Duration (m:ss)')).toHaveValue('5:00');
    await expect(panel.getByLabel('Direction', { exact: true })).toHaveValue('inbound');
    const stored = await storedSession(serviceWorker);
    expect(stored).toMatchObject({
      state: 'wrap-up',
      direction: 'inbound',
      durationSec: 300,
      startedAt: startMs,
    });
  });
});
