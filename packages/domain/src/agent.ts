/**
 * What the agent at a counter is doing: signed_out -> idle <-> serving, idle <-> paused.
 * Sign in/out, pause and resume are agent commands and produce an AgentEvent (the source
 * of signed-in and paused time in the figures). idle <-> serving follows the counter's
 * ticket (called/serving) and produces no agent event: ticket events already say it.
 *
 * Errors: 'not_signed_in' when the agent is not the one signed in at that counter,
 * 'conflict' when another agent holds the counter, 'illegal_transition' for a bad state.
 */
import { AppError } from './errors';
import type { AgentEvent, Counter, PauseReason } from './types';
import { PAUSE_REASONS } from './types';

export interface AgentTransition {
  counter: Counter;
  event: AgentEvent;
}

const isSignedIn = (c: Counter) => c.agentState !== 'signed_out' && c.agentId !== null;

function requireAgentHere(counter: Counter, agentId: string): void {
  if (!isSignedIn(counter) || counter.agentId !== agentId) {
    throw new AppError('not_signed_in', `Agent is not signed in at ${counter.name}`, {
      counterId: counter.id,
    });
  }
}

/**
 * The agent takes the counter and becomes idle. Signing in again where one is already
 * signed in changes nothing but still yields an event (a reconnecting desk re-announces
 * itself; the figures treat it as the same session). Refused with 'conflict' while
 * another agent is signed in there, and for an inactive counter.
 * Whether the agent is signed in at ANOTHER counter is for the caller to check.
 */
export function signIn(counter: Counter, agentId: string, at: Date): AgentTransition {
  if (!agentId) throw new AppError('validation_failed', 'Sign-in needs an agent');
  const event: AgentEvent = { agentId, counterId: counter.id, type: 'signed_in', at, reason: null };
  if (isSignedIn(counter)) {
    if (counter.agentId === agentId) return { counter, event };
    throw new AppError('conflict', `${counter.name} is taken by another agent`, { counterId: counter.id });
  }
  if (!counter.active) {
    throw new AppError('illegal_transition', `${counter.name} is not active`, { counterId: counter.id });
  }
  return {
    counter: { ...counter, agentId, agentState: 'idle', stateSince: at, pauseReason: null },
    event,
  };
}

/**
 * The agent leaves the counter. Pass `hasOpenTicket` = true to refuse while a ticket is
 * still called or being served there (the caller must finish, no-show or transfer it
 * first); by default the domain does not know and allows it.
 */
export function signOut(counter: Counter, agentId: string, at: Date, hasOpenTicket = false): AgentTransition {
  requireAgentHere(counter, agentId);
  if (hasOpenTicket) {
    throw new AppError('illegal_transition', `Finish or transfer the current ticket before signing out of ${counter.name}`, {
      counterId: counter.id,
    });
  }
  return {
    counter: { ...counter, agentId: null, agentState: 'signed_out', stateSince: at, pauseReason: null },
    event: { agentId, counterId: counter.id, type: 'signed_out', at, reason: null },
  };
}

/** idle -> paused with a reason (lunch, training, ...). Refused while a ticket is called or served there. */
export function pause(
  counter: Counter,
  agentId: string,
  reason: PauseReason,
  at: Date,
  hasOpenTicket: boolean,
): AgentTransition {
  requireAgentHere(counter, agentId);
  if (!PAUSE_REASONS.includes(reason)) {
    throw new AppError('validation_failed', `Unknown pause reason "${String(reason)}"`);
  }
  if (counter.agentState === 'paused') {
    throw new AppError('illegal_transition', `${counter.name} is already paused`, { counterId: counter.id });
  }
  if (hasOpenTicket || counter.agentState === 'serving') {
    throw new AppError('illegal_transition', `Finish or transfer the current ticket before pausing ${counter.name}`, {
      counterId: counter.id,
    });
  }
  return {
    counter: { ...counter, agentState: 'paused', stateSince: at, pauseReason: reason },
    event: { agentId, counterId: counter.id, type: 'paused', at, reason },
  };
}

/** paused -> idle. */
export function resume(counter: Counter, agentId: string, at: Date): AgentTransition {
  requireAgentHere(counter, agentId);
  if (counter.agentState !== 'paused') {
    throw new AppError('illegal_transition', `${counter.name} is not paused`, { counterId: counter.id });
  }
  return {
    counter: { ...counter, agentState: 'idle', stateSince: at, pauseReason: null },
    event: { agentId, counterId: counter.id, type: 'resumed', at, reason: null },
  };
}

/**
 * idle -> serving when the counter calls a ticket. Already serving (a recall, or the next
 * call straight after a finish) stays as it is. Refused when nobody is signed in or the
 * agent is paused: a paused counter does not call.
 */
export function markServing(counter: Counter, at: Date): Counter {
  if (counter.agentState === 'serving') return counter;
  if (counter.agentState !== 'idle' || counter.agentId === null) {
    throw new AppError(
      'illegal_transition',
      counter.agentState === 'paused' ? `${counter.name} is paused: resume before calling` : `Nobody is signed in at ${counter.name}`,
      { counterId: counter.id, agentState: counter.agentState },
    );
  }
  return { ...counter, agentState: 'serving', stateSince: at };
}

/**
 * serving -> idle when the counter's ticket ends (finished, no-show, transferred,
 * cancelled). In any other state nothing changes: ending a ticket must never fail
 * because of the agent's state.
 */
export function markIdle(counter: Counter, at: Date): Counter {
  if (counter.agentState !== 'serving') return counter;
  return { ...counter, agentState: 'idle', stateSince: at };
}
