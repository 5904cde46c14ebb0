/**
 * Agent states at a counter: sign in, sign out, pause with a reason, resume. Each
 * change is an append-only agent event (pause time counts in the figures) and an outbox
 * fact for head office.
 */
import type { CounterDto } from '@turnero/contract/dto';
import { pause, resume, signIn, signOut, type AgentTransition } from '@turnero/domain/agent';
import { AppError } from '@turnero/domain/errors';
import type { Counter, PauseReason } from '@turnero/domain/types';
import type { OfficeDeps, Principal } from '../context';
import { isStaffManager } from '../context';
import { counterDto } from '../presenter';
import { counterIn, openTicketAt, viewWith } from '../queue-view';
import { appendAgentEvent, saveCounterState } from '../store/office-store';
import { agentFact } from './facts';

type AgentAction =
  | { kind: 'sign_in' }
  | { kind: 'sign_out' }
  | { kind: 'pause'; reason: PauseReason }
  | { kind: 'resume' };

export async function agentAction(
  deps: OfficeDeps,
  principal: Principal,
  counterId: string,
  action: AgentAction,
): Promise<CounterDto> {
  return deps.bus.command(`agent-${action.kind}`, async ({ tx, afterCommit, view: liveView, keepView, outbox }) => {
    const view = await liveView();
    const counter = counterIn(view, counterId);
    const apply = async (t: AgentTransition): Promise<Counter> => {
      await saveCounterState(tx, t.counter);
      await appendAgentEvent(tx, t.event);
      await outbox([agentFact(t.event)]);
      return t.counter;
    };
    const now = deps.clock.now();
    const agentId = await resolveAgent(principal, counter, action);
    const changed: Counter[] = [];

    if (action.kind === 'sign_in') {
      if (!counter.active) throw new AppError('illegal_transition', `${counter.name} is not active`);
      // An agent sits at one counter at a time: signing in elsewhere signs them out here.
      for (const other of view.counters) {
        if (other.id !== counter.id && other.agentId === agentId) {
          if (openTicketAt(view, other.id)) {
            throw new AppError('illegal_transition', `Finish your ticket at ${other.name} first`);
          }
          changed.push(await apply(signOut(other, agentId, now)));
        }
      }
    }
    const open = openTicketAt(view, counter.id);
    if (action.kind === 'sign_out' && open) {
      throw new AppError('illegal_transition', `${open.code} is still open at ${counter.name}: finish it first`);
    }
    const transition =
      action.kind === 'sign_in'
        ? signIn(counter, agentId, now)
        : action.kind === 'sign_out'
          ? signOut(counter, agentId, now)
          : action.kind === 'pause'
            ? pause(counter, agentId, action.reason, now, open !== null)
            : resume(counter, agentId, now);
    changed.push(await apply(transition));

    const after = viewWith(view, [], changed);
    keepView(after);
    const dtos = changed.map((c) => counterDto(after, c));
    afterCommit(() => {
      for (const counterDtoValue of dtos) deps.broadcaster.publish('counter:updated', { counter: counterDtoValue });
    });
    return dtos[dtos.length - 1];
  });
}

/** The agent the action is about: the caller, or for a supervisor, whoever sits there. */
async function resolveAgent(principal: Principal, counter: Counter, action: AgentAction): Promise<string> {
  if (principal.role === 'agent') {
    if (action.kind !== 'sign_in' && counter.agentId !== principal.id) {
      throw new AppError('forbidden', `You are not signed in at ${counter.name}`);
    }
    return principal.id;
  }
  if (isStaffManager(principal)) {
    if (action.kind === 'sign_in') return principal.id;
    if (!counter.agentId) throw new AppError('not_signed_in', `Nobody is signed in at ${counter.name}`);
    return counter.agentId;
  }
  throw new AppError('forbidden', 'Only staff can do this');
}
