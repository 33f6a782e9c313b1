import type { Capabilities } from './adapter';

/** "Search by phone: yes / via local index / no" lines for the options page. */
export function capabilitySummary(capabilities: Capabilities): { label: string; value: string }[] {
  const how = (mode: Capabilities['searchByPhone']) =>
    mode === 'server' ? 'yes' : mode === 'index' ? 'via Ringside’s local index' : 'no';
  const yesNo = (value: boolean) => (value ? 'yes' : 'no');
  return [
    { label: 'Find callers by phone', value: how(capabilities.searchByPhone) },
    { label: 'Find by email', value: how(capabilities.searchByEmail) },
    { label: 'Log calls and notes', value: yesNo(capabilities.logActivity) },
    { label: 'Edit a logged note', value: yesNo(capabilities.updateActivity) },
    { label: 'Fix phones and emails', value: yesNo(capabilities.updateRecord) },
    { label: 'Create a record from a caller', value: yesNo(capabilities.createRecord) },
    {
      label: 'Users and activity types',
      value: yesNo(capabilities.listUsers || capabilities.listActivityTypes),
    },
  ];
}
