import type { Page } from '@playwright/test';
import { BULLHORN_DEMO, BULLHORN_SEEDED, type BullhornState } from '../sandbox/bullhorn/model';
import { DEMO_KEYS, SEEDED } from '../sandbox/seed';
import type { Sandbox } from '../sandbox/server';
import { connectProvider } from './connect-ui';
import { expect, lookUp, test } from './fixtures';

/** The wrap-up: one log to several CRMs, drafts that survive, the user mapping, channel defaults, edits. */

const JANE = '(415) 555-2671';

function bullhornNotes(sandbox: Sandbox) {
  const state = sandbox.api('bullhorn').state as BullhornState;
  return [...state.entities.Note.values()].filter((note) => !note.isDeleted);
}

async function connectClose(options: Page, sandbox: Sandbox): Promise<string> {
  return connectProvider(options, {
    provider: 'close',
    baseUrl: sandbox.closeApiUrl,
    fields: { apiKey: DEMO_KEYS.riley },
  });
}

async function connectBullhorn(options: Page, sandbox: Sandbox): Promise<string> {
  return connectProvider(options, {
    provider: 'bullhorn',
    baseUrl: `${sandbox.url}/bullhorn/rest-services/`,
    fields: { ...BULLHORN_DEMO },
  });
}

test.describe('wrap-up', () => {
  test('one wrap-up logs the call to Close and Bullhorn at once, as the mapped users; history edits it', async ({
    openExtensionPage,
    sandbox,
  }) => {
    const options = await openExtensionPage('options.html');
    const closeId = await connectClose(options, sandbox);
    const bullhornId = await connectBullhorn(options, sandbox);
    // On connecting, each CRM's users were matched to the account by email.
    for (const id of [closeId, bullhornId]) {
      await expect(options.locator(`li[data-connection-id="${id}"]`).getByTestId('user-mapping')).toHaveText(
        'Calls are logged as Riley Recruiter (matched by email).',
      );
    }

    const panel = await openExtensionPage('sidepanel.html');
    await lookUp(panel, JANE);
    const matches = panel.getByRole('region', { name: 'Matches' });
    await expect(matches.getByTestId('record-name')).toHaveText(['Jane Doe', 'Jane Doe']);
    await expect(panel.getByRole('button', { name: 'Log call' })).toBeDisabled();
    await matches.getByRole('checkbox').nth(0).check();
    await matches.getByRole('checkbox').nth(1).check();

    const wrapUp = panel.getByRole('region', { name: 'Wrap-up' });
    await expect(wrapUp.getByTestId('logged-as')).toHaveText([
      'Logged as Riley Recruiter',
      'Logged as Riley Recruiter',
    ]);
    await wrapUp.getByLabel('Type (Bullhorn)').selectOption('Left Message');
    await wrapUp.getByLabel('Outcome (Close)').selectOption({ label: 'Interested' });
    await wrapUp.getByLabel('Duration (m:ss)').fill('2:05');
    const note = 'Both CRMs: discussed the senior robotics role; send the JD by Friday.';
    await wrapUp.getByLabel('Note').fill(note);
    await wrapUp.getByRole('button', { name: 'Log call' }).click();

    const logged = wrapUp.getByRole('list', { name: 'Logged to' });
    await expect(logged.getByRole('status')).toHaveText([/Logged to Close\./, /Logged to Bullhorn\./], {
      timeout: 15_000,
    });
    // The draft went once both logs were in the outbox.
    await expect(wrapUp.getByLabel('Note')).toHaveValue('');

    expect(sandbox.state.calls).toHaveLength(1);
    expect(sandbox.state.calls[0]).toMatchObject({
      lead_id: SEEDED.jane.leadId,
      contact_id: SEEDED.jane.contactId,
      direction: 'outbound',
      duration: 125,
      phone: '+14155552671',
      note,
      outcome_id: SEEDED.outcomes.interested,
      user_id: SEEDED.users.riley.id,
    });
    const notes = bullhornNotes(sandbox).filter((entry) => String(entry.comments).includes('Both CRMs'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      action: 'Left Message',
      minutesSpent: 3,
      commentingPerson: { id: BULLHORN_SEEDED.riley.id },
      personReference: { id: BULLHORN_SEEDED.jane.id },
    });

    // History: the call with its log in each CRM, and links.
    const history = panel.getByRole('region', { name: 'Recent calls' });
    const call = history.getByRole('listitem').filter({ hasText: '+1 415 555 2671' }).first();
    await expect(call.locator('[data-provider]')).toHaveCount(2);
    const closeLog = call.locator('li[data-provider="close"]');
    const bullhornLog = call.locator('li[data-provider="bullhorn"]');
    await expect(closeLog.getByTestId('log-state')).toHaveText('logged');
    await expect(closeLog.getByRole('link', { name: 'See it in Close' })).toHaveAttribute(
      'href',
      `${sandbox.url}/lead/${SEEDED.jane.leadId}/`,
    );

    // Edit the Bullhorn note's text and type, and the Close call's text.
    await bullhornLog.getByRole('button', { name: 'Edit' }).click();
    await bullhornLog.getByLabel('Logged text').fill('Edited: sent the JD, call back Monday.');
    await bullhornLog.getByLabel('Logged as').selectOption('Phone Call');
    await bullhornLog.getByRole('button', { name: 'Save the edit' }).click();
    await expect(bullhornLog.getByTestId('history-note')).toHaveText(
      'Edited: sent the JD, call back Monday.',
    );
    await closeLog.getByRole('button', { name: 'Edit' }).click();
    await closeLog.getByLabel('Logged text').fill('Edited in Close too.');
    await closeLog.getByRole('button', { name: 'Save the edit' }).click();
    await expect(closeLog.getByTestId('history-note')).toHaveText('Edited in Close too.');
    await expect(closeLog.getByTestId('edit-state')).toHaveCount(0);
    await expect(bullhornLog.getByTestId('edit-state')).toHaveCount(0);

    // The same activities changed; nothing was added.
    expect(sandbox.state.calls).toHaveLength(1);
    expect(sandbox.state.calls[0]?.note).toBe('Edited in Close too.');
    const ours = bullhornNotes(sandbox).filter((entry) =>
      String(entry.comments).includes('Edited: sent the JD'),
    );
    expect(ours).toHaveLength(1);
    expect(ours[0]?.action).toBe('Phone Call');
    expect(
      bullhornNotes(sandbox).filter((entry) => String(entry.comments).includes('Both CRMs')),
    ).toHaveLength(0);
  });

  test('a draft survives closing the panel and the service worker stopping', async ({
    context,
    openExtensionPage,
    sandbox,
    serviceWorker,
  }) => {
    const options = await openExtensionPage('options.html');
    await connectClose(options, sandbox);
    let panel = await openExtensionPage('sidepanel.html');
    await lookUp(panel, SEEDED.priya.phone);
    await expect(panel.getByTestId('record-name')).toHaveText('Priya Patel');
    await panel.getByLabel('Note').fill('Half-written: Priya wants');
    await panel.getByLabel('Outcome (Close)').selectOption({ label: 'Left voicemail' });
    // Closed at once: the draft is saved as the page goes away, not only after the typing pause.
    await panel.close();

    panel = await openExtensionPage('sidepanel.html');
    await expect(panel.getByLabel('Note')).toHaveValue('Half-written: Priya wants');
    await expect(panel.getByLabel('Outcome (Close)')).toHaveValue(SEEDED.outcomes.leftVoicemail);
    await panel.getByLabel('Note').fill('Half-written: Priya wants a remote role.');
    await panel.waitForTimeout(500);
    await panel.close();

    const cdp = await context.newCDPSession(options);
    const statuses: string[] = [];
    cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
      for (const version of event.versions) statuses.push(version.runningStatus);
    });
    await serviceWorker.evaluate(() => {
      (globalThis as { marker?: number }).marker = 1;
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await expect.poll(() => statuses.at(-1)).toBe('stopped');
    panel = await openExtensionPage('sidepanel.html');
    await expect(panel.getByTestId('record-name')).toHaveText('Priya Patel');
    // A new worker answered: the old one's globals are gone.
    expect(await serviceWorker.evaluate(() => (globalThis as { marker?: number }).marker)).toBeUndefined();
    await expect(panel.getByLabel('Note')).toHaveValue('Half-written: Priya wants a remote role.');

    await panel.getByRole('button', { name: 'Log call' }).click();
    await expect(panel.getByRole('status').filter({ hasText: 'Logged' })).toContainText('Logged to Close.');
    expect(sandbox.state.calls.map((call) => [call.note, call.outcome_id])).toEqual([
      ['Half-written: Priya wants a remote role.', SEEDED.outcomes.leftVoicemail],
    ]);
    // Logged: the draft is gone, and a reopened panel starts empty.
    const drafts = await panel.evaluate(async () =>
      Object.keys(await chrome.storage.local.get(null)).filter((key) => key.startsWith('draft:')),
    );
    expect(drafts).toEqual([]);
    await panel.close();
    panel = await openExtensionPage('sidepanel.html');
    await expect(panel.getByTestId('record-name')).toHaveText('Priya Patel');
    await expect(panel.getByLabel('Note')).toHaveValue('');
  });

  test('options shows who calls are logged as, and choosing another user changes the next log', async ({
    openExtensionPage,
    sandbox,
  }) => {
    const options = await openExtensionPage('options.html');
    const closeId = await connectClose(options, sandbox);
    const row = options.locator(`li[data-connection-id="${closeId}"]`);
    await expect(row.getByTestId('user-mapping')).toHaveText(
      'Calls are logged as Riley Recruiter (matched by email).',
    );
    await row
      .getByLabel('Log calls as')
      .selectOption({ label: 'Morgan Manager (morgan@ringside-demo.example)' });
    await expect(row.getByTestId('user-mapping')).toHaveText('Calls are logged as Morgan Manager.');

    const panel = await openExtensionPage('sidepanel.html');
    await lookUp(panel, SEEDED.priya.phone);
    await expect(panel.getByTestId('logged-as')).toHaveText('Logged as Morgan Manager');
    await panel.getByLabel('Note').fill('Logged for Morgan.');
    await panel.getByRole('button', { name: 'Log call' }).click();
    await expect(panel.getByRole('status').filter({ hasText: 'Logged' })).toContainText('Logged to Close.');
    expect(sandbox.state.calls.map((call) => call.user_id)).toEqual([SEEDED.users.morgan.id]);

    // Back to matching by email.
    await row.getByLabel('Log calls as').selectOption('');
    await expect(row.getByTestId('user-mapping')).toHaveText(
      'Calls are logged as Riley Recruiter (matched by email).',
    );
  });

  test('the default type for calls set in options is preselected, per channel', async ({
    openExtensionPage,
    sandbox,
  }) => {
    const options = await openExtensionPage('options.html');
    const bullhornId = await connectBullhorn(options, sandbox);
    const row = options.locator(`li[data-connection-id="${bullhornId}"]`);
    await row.getByLabel('Activity type for calls').selectOption('BD Call');
    await row.getByLabel('Activity type for SMS').selectOption('SMS');

    const panel = await openExtensionPage('sidepanel.html');
    await lookUp(panel, JANE);
    await expect(panel.getByTestId('record-name')).toHaveText('Jane Doe');
    const type = panel.getByLabel('Type (Bullhorn)');
    await expect(type).toHaveValue('BD Call');
    await panel.getByLabel('Channel').selectOption('sms');
    await expect(type).toHaveValue('SMS');
    await panel.getByLabel('Channel').selectOption('call');
    await expect(type).toHaveValue('BD Call');
    await panel.getByLabel('Note').fill('Business development call.');
    await panel.getByRole('button', { name: 'Log call' }).click();
    await expect(panel.getByRole('status').filter({ hasText: 'Logged' })).toContainText(
      'Logged to Bullhorn.',
    );
    const notes = bullhornNotes(sandbox).filter((note) =>
      String(note.comments).includes('Business development'),
    );
    expect(notes.map((note) => note.action)).toEqual(['BD Call']);
  });
});
