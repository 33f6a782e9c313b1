import type { Page } from '@playwright/test';
import { entityCrmTarget } from '../conformance/entity-crm.target';
import { BULLHORN_DEMO } from '../sandbox/bullhorn/model';
import { ENTITY_DEMO, ENTITY_SEEDED, type EntityCrmState } from '../sandbox/entity-crm';
import { DEMO_KEYS, SEEDED } from '../sandbox/seed';
import type { Sandbox } from '../sandbox/server';
import { connectProvider } from './connect-ui';
import { connectSandbox, expect, lookUp, test } from './fixtures';

/** The match card of one record in the side panel. */
const card = (panel: Page, id: string) => panel.locator(`li.card[data-record-id="${id}"]`);
/** One connection's part of the screen pop. */
const section = (panel: Page, provider: string) =>
  panel
    .getByRole('region', { name: 'Matches' })
    .locator('[data-connection-state]')
    .filter({ has: panel.getByRole('heading', { name: new RegExp(`^${provider}`) }) });

async function connectBullhorn(options: Page, sandbox: Sandbox) {
  await connectProvider(options, {
    provider: 'bullhorn',
    baseUrl: `${sandbox.url}/bullhorn/rest-services/`,
    fields: { ...BULLHORN_DEMO },
  });
}

test.describe('screen pop', () => {
  test('a click on a number pops its one match, chosen; the repeat comes from the cache', async ({
    context,
    openExtensionPage,
    sandbox,
  }) => {
    const options = await openExtensionPage('options.html');
    await connectSandbox(options, sandbox, DEMO_KEYS.riley);
    const panel = await openExtensionPage('sidepanel.html');
    const lead = await context.newPage();
    await lead.goto(`${sandbox.url}/lead/${SEEDED.jane.leadId}/`);
    await lead.waitForFunction(() => {
      const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
      return (registry.get('ringside-phone')?.size ?? 0) > 0;
    });
    await lead.locator(`span.phone[data-phone="${SEEDED.jane.mobile}"]`).first().click();

    const jane = card(panel, SEEDED.jane.contactId);
    await expect(jane.getByTestId('record-name')).toHaveText('Jane Doe');
    await expect(jane.getByTestId('record-company')).toHaveText('Acme Robotics');
    await expect(jane.getByTestId('record-crm')).toHaveText('Close');
    await expect(jane.getByText('Head of Talent')).toBeVisible();
    await expect(jane.getByRole('checkbox')).toBeChecked();
    await expect(panel.getByRole('button', { name: 'Log call' })).toBeEnabled();

    // Close now takes 5 s to answer a search: the repeat shows Jane at once, so it never asked.
    sandbox.faults.add({ kind: 'latency', ms: 5000, path: 'data/search/' });
    const searchesBefore = sandbox.requests.filter(
      (request) => request.path === '/api/v1/data/search/',
    ).length;
    await lookUp(panel, '(415) 555-2671');
    await expect(jane.getByRole('checkbox')).toBeChecked({ timeout: 1000 });
    await expect(panel.getByTestId('searching')).toHaveCount(0);
    expect(sandbox.requests.filter((request) => request.path === '/api/v1/data/search/')).toHaveLength(
      searchesBefore,
    );
  });

  test('several matches: the recruiter chooses, and the choice is offered again for that number', async ({
    openExtensionPage,
    sandbox,
  }) => {
    const options = await openExtensionPage('options.html');
    await connectSandbox(options, sandbox, DEMO_KEYS.riley);
    const panel = await openExtensionPage('sidepanel.html');
    const [marcus, dana] = SEEDED.sharedPhone.contacts;
    await lookUp(panel, SEEDED.sharedPhone.phone);
    await expect(panel.getByTestId('record-name')).toHaveText([marcus.name, dana.name]);
    await expect(card(panel, marcus.contactId)).toContainText(marcus.leadName);
    await expect(card(panel, dana.contactId)).toContainText(dana.leadName);
    await expect(panel.getByRole('checkbox', { checked: true })).toHaveCount(0);
    await expect(panel.getByRole('button', { name: 'Log call' })).toBeDisabled();

    // Keyboard only: Tab reaches the checkboxes, Space ticks one.
    await card(panel, dana.contactId).getByRole('checkbox').focus();
    await panel.keyboard.press('Space');
    await expect(card(panel, dana.contactId).getByRole('checkbox')).toBeChecked();
    await expect(panel.getByRole('button', { name: 'Log call' })).toBeEnabled();

    await lookUp(panel, '+1 650 555 0111');
    await expect(panel.getByText('No match in Close.')).toBeVisible();

    await lookUp(panel, '(312) 555-0199');
    await expect(card(panel, dana.contactId).getByRole('checkbox')).toBeChecked();
    await expect(card(panel, marcus.contactId).getByRole('checkbox')).not.toBeChecked();
    await expect(panel.getByRole('button', { name: 'Log call' })).toBeEnabled();
  });

  test('an unknown caller becomes a record in the CRM, shown and chosen', async ({
    openExtensionPage,
    sandbox,
  }) => {
    const options = await openExtensionPage('options.html');
    await connectSandbox(options, sandbox, DEMO_KEYS.riley);
    const panel = await openExtensionPage('sidepanel.html');
    await lookUp(panel, '+1 650 555 0111');
    await expect(panel.getByText('No CRM knows this number yet.')).toBeVisible();
    const form = panel.getByRole('form', { name: 'Create a record' });
    await expect(form.getByLabel('Phone')).toHaveValue('+1 650 555 0111');

    // Nothing to call them by: the form says so beside the field, and keeps the number.
    await form.getByRole('button', { name: 'Create in Close' }).click();
    await expect(form.getByRole('alert')).toHaveText('Enter a first or last name, or a company.');
    await expect(form.getByLabel('Phone')).toHaveValue('+1 650 555 0111');

    // The CRM refuses once: its sentence shows and everything typed stays.
    sandbox.faults.add({ kind: 'status', status: 400, method: 'POST', path: 'lead/', times: 1 });
    await form.getByLabel('First name').fill('Nora');
    await form.getByLabel('Last name').fill('Quinn');
    await form.getByLabel('Company').fill('Quinn Robotics');
    await form.getByRole('button', { name: 'Create in Close' }).click();
    await expect(form.getByRole('alert')).toHaveText('Close refused the request (HTTP 400).');
    await expect(form.getByLabel('First name')).toHaveValue('Nora');
    await expect(form.getByLabel('Company')).toHaveValue('Quinn Robotics');

    await form.getByRole('button', { name: 'Create in Close' }).click();
    const created = panel.locator('li.card').filter({ hasText: 'Nora Quinn' });
    await expect(created.getByRole('checkbox')).toBeChecked();
    await expect(created.getByTestId('record-company')).toHaveText('Quinn Robotics');
    await expect(panel.getByRole('button', { name: 'Log call' })).toBeEnabled();
    const lead = sandbox.state.leads.find((item) => item.name === 'Quinn Robotics');
    expect(
      lead?.contacts.map((contact) => [contact.name, contact.phones.map((phone) => phone.phone)]),
    ).toEqual([['Nora Quinn', ['+16505550111']]]);

    // The next pop of the number finds the new record in the CRM (the cached "no match" is gone).
    await lookUp(panel, '+1 650 555 0111');
    await expect(panel.locator('li.card').getByTestId('record-name')).toHaveText(['Nora Quinn']);
    await expect(panel.locator('li.card').getByRole('checkbox')).toBeChecked();
  });

  test('a number stored without its country is corrected in the CRM, and nothing else changes', async ({
    openExtensionPage,
    sandbox,
  }) => {
    const options = await openExtensionPage('options.html');
    // No country for the connection: Entity CRM's "(415) 555-2671" is flagged instead of guessed.
    const connectionId = await connectProvider(options, {
      provider: 'entity-crm',
      baseUrl: `${sandbox.url}/entity/`,
      fields: { apiKey: ENTITY_DEMO.apiKey, entityId: ENTITY_DEMO.entityId },
    });
    await expect(
      options.locator(`li[data-connection-id="${connectionId}"] [data-testid="index-status"]`),
    ).toContainText(/last synced/);
    const contact = (sandbox.api('entity-crm').state as EntityCrmState).contacts.get(ENTITY_SEEDED.jane.id);
    const ref = { provider: 'entity-crm', connectionId, kind: 'contact', id: ENTITY_SEEDED.jane.id } as const;
    const before = entityCrmTarget.inspect.recordWithoutContactFields(sandbox, ref);
    const office = structuredClone(contact?.phones[1]);
    const emails = structuredClone(contact?.emails);

    const panel = await openExtensionPage('sidepanel.html');
    await lookUp(panel, ENTITY_SEEDED.jane.mobile);
    const jane = card(panel, ENTITY_SEEDED.jane.id);
    await expect(jane.locator('li').filter({ hasText: ENTITY_SEEDED.jane.mobileRaw })).toContainText(
      'needs cleanup',
    );
    await jane.getByRole('button', { name: `Fix ${ENTITY_SEEDED.jane.mobileRaw}` }).click();
    const fix = jane.getByRole('group', { name: `Fix ${ENTITY_SEEDED.jane.mobileRaw}` });
    await fix.getByLabel('Country it was written in').selectOption('GB');
    await expect(fix.getByTestId('cleanup-problem')).toHaveText(
      '“(415) 555-2671” is not a valid number in United Kingdom (+44).',
    );
    await expect(fix.getByRole('button', { name: 'Update in CRM' })).toBeDisabled();
    await fix.getByLabel('Country it was written in').selectOption('US');
    await expect(fix.getByTestId('cleanup-preview')).toContainText('+1 415 555 2671');
    await fix.getByRole('button', { name: 'Update in CRM' }).click();

    await expect(jane.getByText('needs cleanup')).toHaveCount(0);
    await expect(jane).toContainText('+1 415 555 2671 (mobile)');
    expect(contact?.phones).toEqual([
      { number: ENTITY_SEEDED.jane.mobile, type: 'mobile', isPrimary: true },
      office,
    ]);
    expect(contact?.emails).toEqual(emails);
    expect(entityCrmTarget.inspect.recordWithoutContactFields(sandbox, ref)).toEqual(before);
  });

  test('a slow CRM shows "searching" while another’s match is already on screen', async ({
    openExtensionPage,
    sandbox,
  }) => {
    const options = await openExtensionPage('options.html');
    await connectSandbox(options, sandbox, DEMO_KEYS.riley);
    await connectBullhorn(options, sandbox);
    sandbox.api('bullhorn').faults.add({ kind: 'latency', ms: 4000, path: 'search/' });
    const panel = await openExtensionPage('sidepanel.html');
    await lookUp(panel, SEEDED.jane.mobile);
    await expect(section(panel, 'Close').getByTestId('record-name')).toHaveText('Jane Doe');
    await expect(section(panel, 'Bullhorn')).toHaveAttribute('data-connection-state', 'searching');
    await expect(section(panel, 'Bullhorn').getByTestId('searching')).toHaveText('Searching Bullhorn…');
    // Two matches in all once Bullhorn answers: neither is chosen for the recruiter.
    await expect(section(panel, 'Bullhorn').getByTestId('record-name')).toHaveText('Jane Doe', {
      timeout: 15_000,
    });
    await expect(section(panel, 'Bullhorn')).toHaveAttribute('data-connection-state', 'found');
    await expect(panel.getByRole('checkbox', { checked: true })).toHaveCount(0);
  });

  test('a failing CRM shows its sentence while the others show their matches', async ({
    openExtensionPage,
    sandbox,
  }) => {
    const options = await openExtensionPage('options.html');
    await connectSandbox(options, sandbox, DEMO_KEYS.riley);
    await connectBullhorn(options, sandbox);
    sandbox.faults.add({ kind: 'status', status: 503, path: 'data/search/' });
    const panel = await openExtensionPage('sidepanel.html');
    await lookUp(panel, SEEDED.jane.mobile);
    await expect(section(panel, 'Bullhorn').getByTestId('record-name')).toHaveText('Jane Doe');
    await expect(section(panel, 'Close')).toHaveAttribute('data-connection-state', 'error');
    await expect(section(panel, 'Close').getByRole('alert')).toHaveText(
      'Close is unavailable right now (HTTP 503). Try again in a few minutes.',
    );
    // The only match there is gets chosen.
    await expect(section(panel, 'Bullhorn').getByRole('checkbox')).toBeChecked();
  });
});
