import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { RecordRef } from '../../lib/crm/adapter';
import {
  MAX_REMEMBERED,
  popChoicesItem,
  reapply,
  rememberChoice,
  rememberedChoice,
  subjectKey,
} from '../../lib/store/pop-choices';

const ref = (id: string, connectionId = 'conn-1'): RecordRef => ({
  provider: 'close',
  connectionId,
  kind: 'contact',
  id,
});

describe('the screen pop remembers the choice per number', () => {
  beforeEach(() => fakeBrowser.reset());

  it('remembers, replaces and forgets a number’s choice', async () => {
    const subject = subjectKey({ phone: '+13125550199' });
    expect(await rememberedChoice(subject)).toBeUndefined();
    await rememberChoice(subject, [ref('marcus')]);
    expect(await rememberedChoice(subject)).toEqual([ref('marcus')]);
    await rememberChoice(subject, [ref('dana'), ref('marcus')]);
    expect(await rememberedChoice(subject)).toEqual([ref('dana'), ref('marcus')]);
    await rememberChoice(subject, []);
    expect(await rememberedChoice(subject)).toBeUndefined();
  });

  it(`keeps the newest ${MAX_REMEMBERED} numbers`, async () => {
    for (let i = 0; i <= MAX_REMEMBERED; i++)
      await rememberChoice(`phone:+1312555${1000 + i}`, [ref(`c${i}`)], i);
    const kept = await popChoicesItem.get();
    expect(kept).toHaveLength(MAX_REMEMBERED);
    expect(await rememberedChoice('phone:+13125551000')).toBeUndefined();
    expect(await rememberedChoice(`phone:+1312555${1000 + MAX_REMEMBERED}`)).toEqual([
      ref(`c${MAX_REMEMBERED}`),
    ]);
  });

  it('offers again only the remembered records that still match', () => {
    const matches = [ref('marcus'), ref('dana'), ref('marcus', 'conn-2')];
    expect(reapply([ref('dana')], matches)).toEqual([ref('dana')]);
    expect(reapply([ref('dana'), ref('gone')], matches)).toEqual([ref('dana')]);
    expect(reapply([ref('gone')], matches)).toBeUndefined();
    expect(reapply(undefined, matches)).toBeUndefined();
  });

  it('an unreadable stored value is no choice at all', async () => {
    await fakeBrowser.storage.local.set({ popChoices: [{ subject: 'phone:+1', records: 'nope' }] });
    expect(await rememberedChoice('phone:+1')).toBeUndefined();
  });
});
