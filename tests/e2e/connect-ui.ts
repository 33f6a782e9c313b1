// First: the registry's field labels are translated through an i18n this module installs.
import './node-i18n';
import { expect, type Page } from '@playwright/test';
import type { ProviderId } from '../../lib/crm/adapter';
import { providers } from '../../lib/crm/registry';

/**
 * Connects a CRM through the options page the way a recruiter does: pick the CRM, fill its fields,
 * point it at the sandbox, save. Returns the saved connection's id.
 */
export async function connectProvider(
  options: Page,
  draft: { provider: ProviderId; baseUrl: string; fields: Record<string, string> },
): Promise<string> {
  const definition = providers[draft.provider];
  const form = options.getByRole('form', { name: 'Add a connection' });
  await form.getByLabel('CRM', { exact: true }).selectOption(draft.provider);
  for (const field of definition.fields) {
    const value = draft.fields[field.name];
    if (value !== undefined) await form.getByLabel(field.label, { exact: true }).fill(value);
  }
  if (!definition.baseUrlRequired) await form.getByLabel('Use a different API URL').check();
  await form.getByLabel('API URL', { exact: true }).fill(draft.baseUrl);
  const before = await options.locator(`li[data-provider="${draft.provider}"]`).count();
  await form.getByRole('button', { name: 'Save' }).click();
  const saved = options.locator(`li[data-provider="${draft.provider}"]`);
  await expect(saved).toHaveCount(before + 1);
  const id = await saved.last().getAttribute('data-connection-id');
  if (!id) throw new Error('the saved connection has no id');
  return id;
}
