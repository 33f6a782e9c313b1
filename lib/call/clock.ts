import { t } from '../i18n';

/** The running call timer's text: "00:05", "12:34", and "1:02:03" past the hour. */
export function formatClock(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = String(Math.floor((seconds % 3600) / 60)).padStart(2, '0');
  const rest = String(seconds % 60).padStart(2, '0');
  return hours ? `${hours}:${minutes}:${rest}` : `${minutes}:${rest}`;
}

/** What a screen reader hears about the running call, once a minute: "Call connected", "3 minutes". */
export function spokenMinutes(totalSeconds: number): string {
  const minutes = Math.floor(Math.max(0, totalSeconds) / 60);
  if (minutes === 0) return t('clock_connected');
  return t(minutes === 1 ? 'clock_minute' : 'clock_minutes', minutes);
}
