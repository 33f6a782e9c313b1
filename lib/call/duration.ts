import { MAX_CALL_SEC } from '../crm/adapter';
import { t } from '../i18n';

/** Parses a call duration typed as "m:ss", "h:mm:ss" or plain seconds. */
export function parseDuration(text: string): { seconds: number } | { error: string } {
  const trimmed = text.trim();
  if (!trimmed) return { seconds: 0 };
  if (!/^\d{1,5}(:\d{1,2}){0,2}$/.test(trimmed)) {
    return { error: t('duration_format') };
  }
  const parts = trimmed.split(':').map(Number);
  if (parts.slice(1).some((part) => part >= 60)) return { error: t('duration_partTooLarge') };
  const seconds = parts.reduce((total, part) => total * 60 + part, 0);
  if (seconds > MAX_CALL_SEC) return { error: t('duration_tooLong') };
  return { seconds };
}

export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}
