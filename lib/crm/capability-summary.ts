import { t } from '../i18n';
import type { Capabilities } from './adapter';

/** "Search by phone: yes / via local index / no" lines for the options page. */
export function capabilitySummary(capabilities: Capabilities): { label: string; value: string }[] {
  const how = (mode: Capabilities['searchByPhone']) =>
    mode === 'server'
      ? t('capability_yes')
      : mode === 'index'
        ? t('capability_viaIndex')
        : t('capability_no');
  const yesNo = (value: boolean) => (value ? t('capability_yes') : t('capability_no'));
  return [
    { label: t('capability_searchByPhone'), value: how(capabilities.searchByPhone) },
    { label: t('capability_searchByEmail'), value: how(capabilities.searchByEmail) },
    { label: t('capability_logActivity'), value: yesNo(capabilities.logActivity) },
    { label: t('capability_updateActivity'), value: yesNo(capabilities.updateActivity) },
    { label: t('capability_updateRecord'), value: yesNo(capabilities.updateRecord) },
    { label: t('capability_createRecord'), value: yesNo(capabilities.createRecord) },
    {
      label: t('capability_usersAndTypes'),
      value: yesNo(capabilities.listUsers || capabilities.listActivityTypes),
    },
  ];
}
