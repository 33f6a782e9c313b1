import type { Capabilities } from '../lib/crm/adapter';
import { capabilitySummary } from '../lib/crm/capability-summary';

export function CapabilityList({ capabilities }: { capabilities: Capabilities }) {
  return (
    <dl class="capabilities" aria-label="What Ringside can do with this CRM">
      {capabilitySummary(capabilities).map((line) => (
        <div key={line.label}>
          <dt>{line.label}</dt>
          <dd>{line.value}</dd>
        </div>
      ))}
    </dl>
  );
}
