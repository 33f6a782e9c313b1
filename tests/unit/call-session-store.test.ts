import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OPEN_DIALER_COMMAND, onDialerCommand, openDialer } from '../../lib/background/dialer-command';
import { callSessionItem, createCallSessionStore } from '../../lib/store/call-session';
import { dialerFocusItem, FOCUS_FRESH_MS, isFreshFocus } from '../../lib/store/dialer-focus';
import {
  clearRecentNumbers,
  nameNumber,
  RECENT_LIMIT,
  recentNumbersItem,
  rememberNumber,
  withName,
  withRecent,
} from '../../lib/store/recent-numbers';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const PHONE = '+14155552671';
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('call session store', () => {
  it('stores every change, so a panel opened later (a reload) finds the call running', async () => {
    const panel = createCallSessionStore();
    await panel.load();
    panel.dispatch({ type: 'dial', at: T0, phone: PHONE });
    panel.dispatch({ type: 'start-dial', transport: 'tel', at: T0 + 1000 });
    panel.dispatch({ type: 'connected', at: T0 + 1000 });
    await panel.flushed();
    panel.close();

    const reloaded = createCallSessionStore();
    expect(await reloaded.load()).toMatchObject({ state: 'in-call', connectedAt: T0 + 1000, phone: PHONE });
    reloaded.close();
  });
  it('reduces quick events against the newest state, not a stale stored copy', async () => {
    const panel = createCallSessionStore();
    await panel.load();
    panel.dispatch({ type: 'dial', at: T0, phone: PHONE });
    // No await between: each event sees the previous one's result.
    expect(panel.dispatch({ type: 'start-dial', transport: 'tel', at: T0 })?.state).toBe('dialing');
    expect(panel.dispatch({ type: 'connected', at: T0 })?.state).toBe('in-call');
    await panel.flushed();
    await settle();
    // The storage echoes of its own writes do not roll it back.
    expect(panel.current()?.state).toBe('in-call');
    expect((await callSessionItem.get())?.state).toBe('in-call');
    panel.close();
  });
  it('follows another page’s changes and tells its listeners', async () => {
    const one = createCallSessionStore();
    const two = createCallSessionStore();
    await one.load();
    await two.load();
    const seen: (string | undefined)[] = [];
    two.subscribe((session) => seen.push(session?.state));
    one.dispatch({ type: 'dial', at: T0, phone: PHONE });
    await one.flushed();
    await settle();
    expect(two.current()).toMatchObject({ phone: PHONE, state: 'idle' });
    expect(seen).toEqual(['idle']);
    one.close();
    two.close();
  });
  it('an illegal event writes nothing', async () => {
    const panel = createCallSessionStore();
    await panel.load();
    expect(panel.dispatch({ type: 'logged' })).toBeNull();
    await panel.flushed();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    panel.close();
  });
  it('reads a damaged stored session as no session', async () => {
    await fakeBrowser.storage.local.set({ callSession: { id: 'x', state: 'on-the-moon' } });
    const panel = createCallSessionStore();
    expect(await panel.load()).toBeNull();
    panel.close();
  });
});

describe('recent numbers', () => {
  it('keeps the last ten distinct numbers, newest first, with their names', () => {
    let list = withRecent([], PHONE, T0);
    list = withName(list, PHONE, '  Jane Doe ');
    for (let i = 0; i < 12; i++) list = withRecent(list, `+1415555${String(1000 + i)}`, T0 + i);
    expect(list).toHaveLength(RECENT_LIMIT);
    expect(list[0]?.phone).toBe('+14155551011');
    expect(list.some((entry) => entry.phone === PHONE)).toBe(false);

    let again = withRecent(withName(withRecent([], PHONE, T0), PHONE, 'Jane Doe'), '+442079460958', T0 + 1);
    again = withRecent(again, PHONE, T0 + 2);
    expect(again).toEqual([
      { phone: PHONE, at: T0 + 2, name: 'Jane Doe' },
      { phone: '+442079460958', at: T0 + 1 },
    ]);
    expect(withName(again, '+10000000000', 'Nobody')).toEqual(again);
    expect(withName(again, PHONE, '   ')).toEqual(again);
  });
  it('are stored, named and cleared', async () => {
    await rememberNumber(PHONE, T0);
    await rememberNumber('+442079460958', T0 + 1);
    await nameNumber(PHONE, 'Jane Doe');
    expect(await recentNumbersItem.get()).toEqual([
      { phone: '+442079460958', at: T0 + 1 },
      { phone: PHONE, at: T0, name: 'Jane Doe' },
    ]);
    await clearRecentNumbers();
    expect(await recentNumbersItem.get()).toEqual([]);
  });
  it('an unreadable stored list reads as empty', async () => {
    await fakeBrowser.storage.local.set({ recentNumbers: [{ phone: 'javascript:1', at: 1 }] });
    expect(await recentNumbersItem.get()).toEqual([]);
  });
});

describe('open-dialer shortcut', () => {
  it('opens the panel in the same turn (the gesture) and asks it to focus the dialer', async () => {
    // The unit tests' browser is Firefox-shaped: the sidebar stands in for Chrome's side panel.
    const open = vi.spyOn(fakeBrowser.sidebarAction, 'open').mockResolvedValue(undefined);
    const done = openDialer({ id: 3, windowId: 1 }, T0);
    expect(open).toHaveBeenCalledTimes(1);
    await done;
    const flag = await dialerFocusItem.get();
    expect(flag).toEqual({ at: T0 });
    expect(isFreshFocus(flag, T0 + 500)).toBe(true);
    expect(isFreshFocus(flag, T0 + FOCUS_FRESH_MS + 1)).toBe(false);
    expect(isFreshFocus(flag, T0 - 1)).toBe(false);
    expect(isFreshFocus(null, T0)).toBe(false);
  });
  it('answers its own command only', async () => {
    const open = vi.spyOn(fakeBrowser.sidebarAction, 'open').mockResolvedValue(undefined);
    onDialerCommand('some-other-command', { id: 3 });
    expect(open).not.toHaveBeenCalled();
    onDialerCommand(OPEN_DIALER_COMMAND, { id: 3 });
    expect(open).toHaveBeenCalledTimes(1);
    await expect.poll(() => dialerFocusItem.get()).not.toBeNull();
  });
});
