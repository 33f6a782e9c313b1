import type { ComponentChildren } from 'preact';

export function StatusMessage({
  tone,
  children,
}: {
  tone: 'ok' | 'error' | 'info';
  children: ComponentChildren;
}) {
  return (
    <div class={`status ${tone}`} role={tone === 'error' ? 'alert' : 'status'} data-tone={tone}>
      {children}
    </div>
  );
}
