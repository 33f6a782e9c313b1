import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  defaultTypeFor,
  forgetDefaults,
  logDefaultsItem,
  setDefaultType,
} from '../../lib/store/log-defaults';

describe('log defaults', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps one type per channel per connection', async () => {
    await setDefaultType('bh1', 'call', 'BD Call');
    await setDefaultType('bh1', 'sms', 'SMS');
    await setDefaultType('close1', 'call', 'note');
    const defaults = await logDefaultsItem.get();
    expect(defaults).toEqual({ bh1: { call: 'BD Call', sms: 'SMS' }, close1: { call: 'note' } });
    expect(defaultTypeFor(defaults, 'bh1', 'call')).toBe('BD Call');
    expect(defaultTypeFor(defaults, 'bh1', 'whatsapp')).toBeUndefined();
    expect(defaultTypeFor(defaults, 'unknown', 'call')).toBeUndefined();
  });

  it('clearing a channel leaves the others; forgetting a connection removes all of its defaults', async () => {
    await setDefaultType('bh1', 'call', 'BD Call');
    await setDefaultType('bh1', 'email', 'Email');
    await setDefaultType('bh2', 'call', 'Phone Call');
    await setDefaultType('bh1', 'call', undefined);
    expect(await logDefaultsItem.get()).toEqual({ bh1: { email: 'Email' }, bh2: { call: 'Phone Call' } });
    await forgetDefaults('bh1');
    expect(await logDefaultsItem.get()).toEqual({ bh2: { call: 'Phone Call' } });
  });

  it('refuses to store a channel that does not exist or an empty type', async () => {
    expect(() => logDefaultsItem.set({ bh1: { fax: 'Fax' } as never })).toThrow(/Unrecognized key/);
    expect(() => logDefaultsItem.set({ bh1: { call: '' } })).toThrow();
    expect(await logDefaultsItem.get()).toEqual({});
  });

  it('an unreadable stored value comes back as no defaults', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await fakeBrowser.storage.local.set({ logDefaults: { bh1: { call: 42 } } });
    expect(await logDefaultsItem.get()).toEqual({});
    warn.mockRestore();
  });
});
