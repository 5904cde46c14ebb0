/**
 * The one way a web app follows the language switch: a Lit reactive controller that
 * re-renders its host whenever the language changes, subscribing in hostConnected and
 * releasing in hostDisconnected (an element taken off the page stops listening).
 *
 *   private readonly lang = new LangController(this);
 *   render() { return html`<button @click=${() => this.lang.toggle()}>${t('lang.switch')}</button>`; }
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { getLang, onLangChange, otherLang, setLang, type Lang } from './i18n';

export class LangController implements ReactiveController {
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** The language shown now. */
  get current(): Lang {
    return getLang();
  }

  /** The language a switch button offers: the one not shown. */
  get other(): Lang {
    return otherLang();
  }

  /** Switches to the other language (kept for the next visit); every subscribed host re-renders. */
  toggle(): void {
    setLang(otherLang());
  }

  hostConnected(): void {
    this.unsubscribe ??= onLangChange(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}
