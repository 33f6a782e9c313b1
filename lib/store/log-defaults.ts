import { z } from 'zod';
import { parsedItem } from './item';

/**
 * The activity type each connection logs each channel as by default, set in options ("Activity type for
 * calls / SMS / WhatsApp / email"). A channel without one is left to the CRM adapter's own choice.
 */

/** The channels a wrap-up logs (the adapter model's `note` channel is not one a recruiter picks). */
export const logChannels = ['call', 'sms', 'whatsapp', 'email'] as const;
export const logChannelSchema = z.enum(logChannels);
export type LogChannel = z.infer<typeof logChannelSchema>;

/** Type id per channel, for one connection. */
export const channelDefaultsSchema = z.partialRecord(logChannelSchema, z.string().min(1).max(200));
export type ChannelDefaults = z.infer<typeof channelDefaultsSchema>;

/** By connection id. */
export const logDefaultsSchema = z.record(z.string().min(1).max(200), channelDefaultsSchema);
export type LogDefaults = z.infer<typeof logDefaultsSchema>;

export const logDefaultsItem = parsedItem('local:logDefaults', logDefaultsSchema, {}, { version: 1 });

export function defaultTypeFor(
  defaults: LogDefaults,
  connectionId: string,
  channel: LogChannel,
): string | undefined {
  return defaults[connectionId]?.[channel];
}

/** Sets (or, with undefined, clears) one connection's default type for one channel. */
export async function setDefaultType(
  connectionId: string,
  channel: LogChannel,
  typeId: string | undefined,
): Promise<LogDefaults> {
  const all = await logDefaultsItem.get();
  const { [channel]: _old, ...rest } = all[connectionId] ?? {};
  const next: LogDefaults = { ...all, [connectionId]: typeId ? { ...rest, [channel]: typeId } : rest };
  await logDefaultsItem.set(next);
  return next;
}

/** A removed connection's defaults go with it. */
export async function forgetDefaults(connectionId: string): Promise<void> {
  const { [connectionId]: _gone, ...rest } = await logDefaultsItem.get();
  await logDefaultsItem.set(rest);
}
