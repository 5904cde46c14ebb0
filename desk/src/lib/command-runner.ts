/**
 * How a staff page runs a command against the API, as a Lit reactive controller: one at a
 * time (a second press while one runs is ignored), the error shown in words instead of
 * thrown at the page, and a notice on success. The host re-renders on every change.
 *
 *   private _commands = new CommandRunner(this);
 *   await this._commands.run(() => api.patch('/office', body), t('board.saved'));
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { errorText } from './error-text';

export class CommandRunner implements ReactiveController {
  busy = false;
  error = '';
  notice = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Runs after a failure has been put in words (e.g. sign out on a 401). */
    private readonly onError?: (err: unknown) => unknown,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Resolves true when `fn` succeeded, false when it failed or another command was running. */
  async run(fn: () => Promise<unknown>, notice = ''): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.error = '';
    this.notice = '';
    this.host.requestUpdate();
    try {
      await fn();
      this.notice = notice;
      return true;
    } catch (err) {
      this.error = errorText(err);
      await this.onError?.(err);
      return false;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** Clears the last error (a dialog opens); with `notice`, the notice too (another tab). */
  clear({ notice = false } = {}): void {
    this.error = '';
    if (notice) this.notice = '';
    this.host.requestUpdate();
  }

  /** Shows a notice without running anything (e.g. "nobody is waiting"). */
  say(notice: string): void {
    this.notice = notice;
    this.host.requestUpdate();
  }
}
