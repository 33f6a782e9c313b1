import { webUrl } from '../safe-url';
import type { OutboxItem } from '../store/outbox';

/**
 * The call history, read from the outbox (which keeps the newest delivered items): each call with the log
 * it left in each CRM record, that log's delivery state, and its latest edit.
 */

export type LogState = 'waiting' | 'sent' | 'attention';

export interface HistoryLog {
  /** The `log-activity` item. */
  item: OutboxItem;
  state: LogState;
  /** The text as the CRM has it now: the newest delivered edit's, else the logged note. */
  note: string;
  typeId: string | undefined;
  outcomeId: string | undefined;
  /** The newest edit not delivered yet, if any. */
  pendingEdit: OutboxItem | undefined;
  /** The activity's page where the CRM gave one, else the record's. */
  link: string | undefined;
}

export interface HistoryCall {
  /** The call session's id, or the log's own id for logs written before calls had ids. */
  id: string;
  at: number;
  phone: string | undefined;
  logs: HistoryLog[];
}

export function logState(item: OutboxItem): LogState {
  if (item.state === 'sent') return 'sent';
  return item.state === 'attention' ? 'attention' : 'waiting';
}

/** Newest call first, at most `limit` calls. */
export function groupCalls(items: OutboxItem[], limit = 50): HistoryCall[] {
  const edits = new Map<string, OutboxItem[]>();
  for (const item of items) {
    if (item.op.type !== 'update-activity' || !item.editOf) continue;
    edits.set(item.editOf, [...(edits.get(item.editOf) ?? []), item]);
  }
  const calls = new Map<string, HistoryCall>();
  for (const item of items) {
    if (item.op.type !== 'log-activity') continue;
    const input = item.op.input;
    const own = (edits.get(item.id) ?? []).sort((a, b) => a.createdAt - b.createdAt);
    const delivered = own.filter((edit) => edit.state === 'sent').at(-1);
    const patch = delivered?.op.type === 'update-activity' ? delivered.op.patch : undefined;
    const newest = own.at(-1);
    const log: HistoryLog = {
      item,
      state: logState(item),
      note: patch?.note ?? input.note,
      typeId: patch?.typeId ?? input.typeId,
      outcomeId: patch?.outcomeId ?? input.outcomeId,
      pendingEdit: newest && newest.state !== 'sent' ? newest : undefined,
      link: webUrl(item.result?.activity?.url) ?? webUrl(item.recordUrl),
    };
    const id = item.callId ?? item.id;
    const call = calls.get(id);
    if (call) {
      call.logs.push(log);
      call.at = Math.min(call.at, item.createdAt);
    } else {
      calls.set(id, { id, at: item.createdAt, phone: input.phone, logs: [log] });
    }
  }
  return [...calls.values()].sort((a, b) => b.at - a.at).slice(0, limit);
}
