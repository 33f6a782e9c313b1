import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DRAFT_MAX_AGE_MS, type Draft, debouncedSaver, draftStore, readDraft } from '../../lib/store/drafts';

const NOW = Date.parse('2026-11-22T10:00:00Z');

function draft(sessionId: string, change: Partial<Draft> = {}): Draft {
  return {
    v: 1,
    sessionId,
    logKey: `key-${sessionId}-0001`,
    note: `Note for ${sessionId}`,
    channel: 'call',
    choices: {},
    updatedAt: NOW,
    ...change,
  };
}

describe('draft store', () => {
  beforeEach(() => fakeBrowser.reset());

  it('restores a saved draft by its session, choices included', async () => {
    const saved = draft('dial-1', {
      channel: 'sms',
      direction: 'inbound',
      duration: '3:25',
      startedAt: '2026-11-22T09:55',
      choices: { close1: { typeId: 'call', outcomeId: 'outcome_1' }, bh1: { typeId: '' } },
    });
    await draftStore.save(saved);
    expect(await draftStore.get('dial-1')).toEqual(saved);
    expect(await draftStore.get('dial-2')).toBeUndefined();
  });

  it('a later save replaces the earlier one; remove deletes it', async () => {
    await draftStore.save(draft('dial-1', { note: 'first' }));
    await draftStore.save(draft('dial-1', { note: 'second' }));
    expect((await draftStore.get('dial-1'))?.note).toBe('second');
    await draftStore.remove('dial-1');
    expect(await draftStore.get('dial-1')).toBeUndefined();
  });

  it('refuses to store what it could not read back', async () => {
    await expect(
      draftStore.save({ ...draft('dial-1'), channel: 'fax' } as unknown as Draft),
    ).rejects.toThrow();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('reads stored values only in the current shape', () => {
    expect(readDraft(draft('dial-1'))).toBeDefined();
    expect(readDraft({ ...draft('dial-1'), v: 2 })).toBeUndefined();
    expect(readDraft({ ...draft('dial-1'), note: 4 })).toBeUndefined();
    expect(readDraft('garbage')).toBeUndefined();
  });

  it('prunes drafts untouched for more than a week, keeps newer and unreadable ones', async () => {
    await draftStore.save(draft('old', { updatedAt: NOW - DRAFT_MAX_AGE_MS - 1 }));
    await draftStore.save(draft('week', { updatedAt: NOW - DRAFT_MAX_AGE_MS }));
    await draftStore.save(draft('new', { updatedAt: NOW - 60_000 }));
    await fakeBrowser.storage.local.set({ 'draft:broken': 'not a draft', 'outbox:x': { updatedAt: 0 } });
    expect(await draftStore.prune(NOW)).toBe(1);
    expect((await draftStore.list()).map((entry) => entry.sessionId)).toEqual(['new', 'week']);
    expect(await fakeBrowser.storage.local.get(['draft:broken', 'outbox:x'])).toEqual({
      'draft:broken': 'not a draft',
      'outbox:x': { updatedAt: 0 },
    });
  });
});

describe('debouncedSaver', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves the latest value once typing pauses', async () => {
    const saved: string[] = [];
    const saver = debouncedSaver(async (value: string) => {
      saved.push(value);
    }, 300);
    saver.schedule('H');
    await vi.advanceTimersByTimeAsync(200);
    saver.schedule('Hi');
    await vi.advanceTimersByTimeAsync(200);
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(saved).toEqual(['Hi']);
  });

  it('flush saves at once (the panel closing), and nothing is saved twice', async () => {
    const saved: string[] = [];
    const saver = debouncedSaver(async (value: string) => {
      saved.push(value);
    }, 300);
    saver.schedule('closing now');
    await saver.flush();
    expect(saved).toEqual(['closing now']);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(saved).toEqual(['closing now']);
  });

  it('saves in order, so an older value never lands after a newer one', async () => {
    const saved: string[] = [];
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    const saver = debouncedSaver(async (value: string) => {
      if (value === 'first') await slow;
      saved.push(value);
    }, 300);
    saver.schedule('first');
    const first = saver.flush();
    saver.schedule('second');
    const second = saver.flush();
    release();
    await Promise.all([first, second]);
    expect(saved).toEqual(['first', 'second']);
  });

  it('cancel drops what was waiting (the draft was logged)', async () => {
    const saved: string[] = [];
    const saver = debouncedSaver(async (value: string) => {
      saved.push(value);
    }, 300);
    saver.schedule('logged already');
    saver.cancel();
    await vi.advanceTimersByTimeAsync(1_000);
    await saver.flush();
    expect(saved).toEqual([]);
  });

  it('a failed save is reported, and later saves still run', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const saved: string[] = [];
    const saver = debouncedSaver(async (value: string) => {
      if (value === 'bad') throw new Error('quota');
      saved.push(value);
    }, 300);
    saver.schedule('bad');
    await saver.flush();
    saver.schedule('good');
    await saver.flush();
    expect(saved).toEqual(['good']);
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });
});
