import type { Page } from '@playwright/test';
import { SEEDED } from '../sandbox/seed';
import { enableSandboxPages, expect, test } from './fixtures';

/**
 * Chromium with a Spanish UI: the extension's pages and the content script's button come from
 * public/_locales/es, and the pages say which language they are in.
 */
test.use({ uiLanguage: 'es-ES' });

/** Buttons in the page's accessibility tree, closed shadow roots included (Playwright's locators stop there). */
async function accessibleButtons(page: Page): Promise<{ name: string; description: string }[]> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
    nodes: { role?: { value?: string }; name?: { value?: string }; description?: { value?: string } }[];
  };
  await cdp.detach();
  return nodes
    .filter((node) => node.role?.value === 'button')
    .map((node) => ({ name: node.name?.value ?? '', description: node.description?.value ?? '' }));
}

test.describe('Spanish UI', () => {
  test('the side panel is in Spanish, sentences with values and elements included', async ({
    openExtensionPage,
  }) => {
    const panel = await openExtensionPage('sidepanel.html');
    await expect(panel.locator('html')).toHaveAttribute('lang', /^es\b/);
    await expect(panel).toHaveTitle('Ringside');
    const number = panel.getByLabel('Número de teléfono');
    await expect(number).toBeVisible();
    await expect(panel.getByLabel('País')).toBeVisible();
    await expect(
      panel.getByText('Haz clic en un número de teléfono en una página del CRM o escribe uno arriba.'),
    ).toBeVisible();

    await number.fill('+1 415 555 2671');
    await panel.getByRole('button', { name: 'Buscar' }).click();
    await expect(panel.getByText('No hay ningún CRM conectado.')).toBeVisible();
    await expect(panel.getByRole('button', { name: 'Llamar', exact: true })).toBeVisible();
    await expect(panel.getByRole('heading', { name: 'Registrar la llamada' })).toBeVisible();

    // The call summary is one message with the direction word and the duration element inside it.
    await panel.getByText('Registrar una llamada hecha en otro lugar').click();
    await panel.getByLabel('Duración de la llamada (m:ss)').fill('5:00');
    await panel.getByRole('button', { name: 'Pasar al resumen de esta llamada' }).click();
    await expect(panel.getByTestId('call-summary')).toContainText(
      'Llamada terminada: saliente, 05:00 (hecha en otro lugar).',
    );
    await expect(panel.getByTestId('call-duration')).toHaveText('05:00');
    await expect(panel.getByRole('button', { name: 'No registrar esta llamada' })).toBeVisible();
  });

  test('the options page is in Spanish', async ({ openExtensionPage }) => {
    const options = await openExtensionPage('options.html');
    await expect(options.locator('html')).toHaveAttribute('lang', /^es\b/);
    await expect(options).toHaveTitle('Opciones de Ringside');
    await expect(options.getByRole('heading', { level: 1 })).toHaveText('Ringside · Conexiones de CRM');
    await expect(options.getByText('Aún no hay ningún CRM conectado.')).toBeVisible();
    await expect(options.getByRole('button', { name: 'Probar la conexión' })).toBeVisible();
    await expect(options.getByRole('button', { name: 'Guardar', exact: true })).toBeVisible();
    // A substitution: the country the browser's language gives, inside the Spanish sentence.
    await expect(
      options.getByLabel('País para los números escritos sin +').locator('option').first(),
    ).toHaveText(/^Según el idioma del navegador \(.+\)$/);
  });

  test('the button beside a number on a page is in Spanish', async ({
    context,
    openExtensionPage,
    sandbox,
  }) => {
    await enableSandboxPages(openExtensionPage, sandbox);
    const lead = await context.newPage();
    await lead.goto(`${sandbox.url}/lead/${SEEDED.jane.leadId}/`);
    await lead.waitForFunction(() => {
      const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
      return (registry.get('ringside-phone')?.size ?? 0) > 0;
    });
    await lead.locator(`span.phone[data-phone="${SEEDED.jane.mobile}"]`).first().hover();
    await expect
      .poll(async () => (await accessibleButtons(lead)).find((button) => button.name === 'Llamar'))
      .toEqual({ name: 'Llamar', description: expect.stringMatching(/^Llamar a \S.* con Ringside$/) });
  });
});
