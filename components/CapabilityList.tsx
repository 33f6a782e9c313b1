import type { Capabilities } from '../lib/crm/adapter';
import { capabilitySummary } from '../lib/crm/capability-summary';
import { t } from '../lib/i18n';

export function CapabilityList({ capabilities }: { capabilities: Capabilities }) {
  return (
    <dl class="capabilities" aria-label={t('capabilities_label')}>
      {capabilitySummary(capabilities).map((line) => (
        <div key={line.label}>
          <dt>{line.label}</dt>
          <dd>{line.value}</dd>
        </div>
      ))}
    </dl>
  );
}
