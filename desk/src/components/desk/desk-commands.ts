/**
 * The agent desk's API calls, as a Lit reactive controller: each command goes over HTTP
 * so its answer (e.g. why a ticket was chosen) reaches this agent only, one at a time
 * through a CommandRunner. A refusal because this screen was behind the server (403/409)
 * asks for a fresh snapshot at once; a 401 ends the session.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isApiError } from '@turnero/web-client/api';
import { t } from '@turnero/web-client/i18n';
import type { AgentStatsDto, CallResultDto, CounterDto, StatsTodayDto, TicketDto } from '@turnero/contract/dto';
import { CommandRunner } from '../../lib/command-runner';
import { UserFacingError } from '../../lib/error-text';
import { api } from '../../lib/staff-session';
import type { StaffSessionController } from '../../lib/staff-session-controller';

export type TransferTarget = { toServiceId: string } | { toCounterId: string };

export class DeskCommands implements ReactiveController {
  /** The last call's answer: which ticket and the rule that chose it. */
  lastCall: CallResultDto | null = null;
  /** This agent's figures for today. */
  stats: AgentStatsDto | null = null;
  readonly runner: CommandRunner;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly session: StaffSessionController,
    onUnauthenticated: () => Promise<void>,
  ) {
    host.addController(this);
    this.runner = new CommandRunner(host, async (err) => {
      const status = (err as { status?: number }).status;
      if (status === 401) await onUnauthenticated();
      else if (status === 403 || status === 409) this.session.live?.store.requestSnapshot();
    });
  }

  hostConnected(): void {}

  async callNext(counter: CounterDto): Promise<void> {
    const ok = await this.runner.run(async () => {
      this.lastCall = await api.post<CallResultDto | null>(`/counters/${counter.id}/call-next`);
    });
    if (ok && !this.lastCall) this.runner.say(t('result.nobody'));
  }

  /** Calls a ticket the agent chose from the list, out of order. */
  async callChosen(counter: CounterDto, ticketId: string): Promise<void> {
    await this.runner.run(async () => {
      this.lastCall = await api.post<CallResultDto>(`/tickets/${ticketId}/call`, { counterId: counter.id });
    });
  }

  /** recall, start, no-show, finish, transfer: a command on the ticket at the counter. */
  async ticketCommand(ticket: TicketDto | null, command: string, body?: unknown): Promise<void> {
    if (!ticket) return;
    await this.runner.run(() => api.post<TicketDto>(`/tickets/${ticket.id}/${command}`, body));
    if (command === 'no-show' || command === 'finish') void this.loadStats();
  }

  transfer(ticket: TicketDto | null, target: TransferTarget): Promise<void> {
    return this.ticketCommand(ticket, 'transfer', target);
  }

  pause(counter: CounterDto, reason: string): Promise<boolean> {
    return this.runner.run(() => api.post(`/counters/${counter.id}/pause`, { reason }));
  }

  resume(counter: CounterDto): Promise<boolean> {
    return this.runner.run(() => api.post(`/counters/${counter.id}/resume`));
  }

  leave(counter: CounterDto): Promise<boolean> {
    return this.runner.run(() => api.post(`/counters/${counter.id}/sign-out`));
  }

  /**
   * Opens a counter: its services first when the agent changed them (an empty choice keeps
   * the counter's set), then the sign-in unless already signed in there. No explicit
   * sign-out of the previous counter: the server moves the agent on a successful sign-in,
   * and a refused one leaves them where they were.
   */
  openCounter(counterId: string, counter: CounterDto | undefined, serviceIds: string[]): Promise<boolean> {
    return this.runner.run(async () => {
      if (counter && serviceIds.length > 0) {
        const current = new Set(counter.services.map((s) => s.serviceId));
        const same = current.size === serviceIds.length && serviceIds.every((id) => current.has(id));
        if (!same) {
          const weights = new Map(counter.services.map((s) => [s.serviceId, s.weight]));
          await api.put(`/counters/${counterId}/services`, {
            services: serviceIds.map((serviceId) => ({ serviceId, weight: weights.get(serviceId) ?? 1 })),
          });
        }
      }
      if (!(counter && this.isMine(counter))) {
        try {
          await api.post(`/counters/${counterId}/sign-in`);
        } catch (err) {
          // 'conflict': someone else holds it; say so in plain words rather than a generic error.
          if (isApiError(err) && err.code === 'conflict') throw new UserFacingError(t('pick.taken'));
          throw err;
        }
      }
    });
  }

  /** Whether the signed-in agent works at this counter now. */
  isMine(counter: CounterDto): boolean {
    const me = this.session.me;
    return !!me && counter.agentId === me.principalId && counter.agentState !== 'signed_out';
  }

  async loadStats(): Promise<void> {
    if (!this.session.me) return;
    try {
      const stats = await api.get<StatsTodayDto>('/stats/today');
      this.stats = stats.agents.find((a) => a.agentId === this.session.me?.principalId) ?? null;
      this.host.requestUpdate();
    } catch {
      // Figures are a nicety: the desk keeps working without them.
    }
  }

  /** Leaves the counter (best effort: the session ends anyway) and forgets this agent's figures. */
  async signOut(counter: CounterDto | null): Promise<void> {
    if (counter && this.isMine(counter)) {
      try {
        await api.post(`/counters/${counter.id}/sign-out`);
      } catch {
        // Signing out of the counter is best effort; the session ends anyway.
      }
    }
    this.stats = null;
    this.lastCall = null;
  }
}
