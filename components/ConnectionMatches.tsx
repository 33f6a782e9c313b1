import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import type { LookupResult } from '../lib/protocol';
import { StatusMessage } from './StatusMessage';

/** A cached answer arrives within a few milliseconds: "Searching" shows only for searches slower than this. */
export const SEARCHING_SHOWN_AFTER_MS = 150;

/**
 * One connection's part of the screen pop, in its own state: searching, found, no match, cannot search,
 * or the CRM's error sentence. One CRM failing or being slow never hides another's matches.
 */
export function ConnectionMatches({
  connectionId,
  label,
  result,
  children,
}: {
  connectionId: string;
  label: string;
  /** Absent while the search runs. */
  result: LookupResult | undefined;
  /** The match cards. */
  children: ComponentChildren;
}) {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (result) return;
    const timer = setTimeout(() => setSlow(true), SEARCHING_SHOWN_AFTER_MS);
    return () => clearTimeout(timer);
  }, [result === undefined]);
  const state = result?.state ?? 'searching';
  return (
    <div data-connection-id={connectionId} data-connection-state={state} aria-busy={!result}>
      <h2>{label}</h2>
      {!result && slow && (
        <p class="muted" data-testid="searching">
          {t('matches_searching', label)}
        </p>
      )}
      {state === 'none' && <p class="muted">{t('matches_none', label)}</p>}
      {state === 'unsupported' && <p class="muted">{t('matches_unsupported', label)}</p>}
      {state === 'error' && (
        <StatusMessage tone="error">{result?.error ?? t('matches_failed')}</StatusMessage>
      )}
      <ul class="plain">{children}</ul>
    </div>
  );
}
