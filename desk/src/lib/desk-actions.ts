/**
 * The agent's actions, which of them make sense in the counter's current state, and
 * their keyboard shortcuts. Pure: the desk component renders buttons from this table
 * and routes key presses through `actionForKey`, so both follow the same rules.
 */
import type { CounterDto } from '@turnero/contract/dto';

export const DESK_ACTIONS = [
  'callNext',
  'recall',
  'start',
  'finish',
  'noShow',
  'transfer',
  'pause',
  'resume',
] as const;
export type DeskAction = (typeof DESK_ACTIONS)[number];

/** One key per action; letters are Spanish mnemonics (Llamar, Rellamar, Iniciar, Finalizar, Ausente, Transferir, Pausa, Volver). */
export const SHORTCUTS: Record<DeskAction, string> = {
  callNext: 'l',
  recall: 'r',
  start: 'i',
  finish: 'f',
  noShow: 'a',
  transfer: 't',
  pause: 'p',
  resume: 'v',
};

export const FINISH_OUTCOMES = ['resolved', 'follow_up', 'referred', 'other'] as const;

type CounterView = Pick<CounterDto, 'agentState' | 'currentTicket'>;

/** Which actions are possible now. Mirrors the server's state machine so buttons are never a dead end. */
export function availableActions(counter: CounterView | null | undefined): Set<DeskAction> {
  const out = new Set<DeskAction>();
  if (!counter || counter.agentState === 'signed_out') return out;
  if (counter.agentState === 'paused') {
    out.add('resume');
    return out;
  }
  const ticket = counter.currentTicket;
  if (!ticket || (ticket.status !== 'called' && ticket.status !== 'serving')) {
    out.add('callNext');
    out.add('pause');
    return out;
  }
  out.add('transfer');
  if (ticket.status === 'called') {
    out.add('recall');
    out.add('start');
    out.add('noShow');
  } else {
    out.add('finish');
  }
  return out;
}

/** May the agent call a ticket of their choice from the list now? Same rule as call next. */
export function canCallChosen(counter: CounterView | null | undefined): boolean {
  return availableActions(counter).has('callNext');
}

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  /** Tag name of the focused element: shortcuts never fire while the agent types. */
  targetTag?: string;
}

const TYPING_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/** The action a key press asks for, if it is a shortcut and that action is possible now. */
export function actionForKey(e: KeyLike, available: Set<DeskAction>): DeskAction | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  if (e.targetTag && TYPING_TAGS.has(e.targetTag.toUpperCase())) return null;
  const key = e.key.toLowerCase();
  const action = DESK_ACTIONS.find((a) => SHORTCUTS[a] === key);
  return action && available.has(action) ? action : null;
}
