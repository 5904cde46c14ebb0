/**
 * <turnero-rating-form>: five faces, one tap, an optional comment typed before the tap.
 * Sends POST /api/v1/public/tickets/:id/rating through the given API client (the live
 * ticket page's has no token; a survey tablet's carries its device token), then thanks.
 * A ticket rated before (409 already_rated) is thanked the same way; the page remembers
 * on this device which tickets it rated, so a reload does not ask again.
 *
 * @cssprop --rating-face-size - a face's size (52px; a counter's tablet shows them larger).
 * @event turnero-rated - detail `{ ticketId, score }`: the rating was taken (or already was).
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { RATING_COMMENT_MAX, RATING_SCORES, type RatingRequest } from '@turnero/contract/ratings';
import { isApiError, type ApiClient } from '@turnero/web-client/api';
import { t } from '@turnero/web-client/i18n';
import { LangController } from '@turnero/web-client/lang-controller';
import { faceSvg } from './faces';
import './messages';

type Phase = 'ask' | 'sending' | 'thanks' | 'already' | 'error';

const RATED_KEY = 'turnero.rated';

/** Whether this device already rated the ticket (the live page's memory across reloads). */
function ratedHere(ticketId: string): boolean {
  try {
    return (JSON.parse(globalThis.localStorage?.getItem(RATED_KEY) ?? '[]') as string[]).includes(ticketId);
  } catch {
    return false;
  }
}

function rememberRated(ticketId: string): void {
  try {
    const list = (JSON.parse(globalThis.localStorage?.getItem(RATED_KEY) ?? '[]') as string[]).filter((id) => id !== ticketId);
    globalThis.localStorage?.setItem(RATED_KEY, JSON.stringify([...list.slice(-19), ticketId]));
  } catch {
    /* storage off: the server still refuses a second rating */
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'turnero-rating-form': TurneroRatingForm;
  }
  interface GlobalEventHandlersEventMap {
    'turnero-rated': CustomEvent<{ ticketId: string; score: number | null }>;
  }
}

@customElement('turnero-rating-form')
export class TurneroRatingForm extends LitElement {
  static override styles = css`
    :host {
      display: block;
      margin: 16px 0;
    }
    h2 {
      font-size: 1.3em;
      margin: 0 0 4px;
    }
    p {
      margin: 4px 0 12px;
      color: #d5ddef;
    }
    .faces {
      display: flex;
      justify-content: center;
      gap: 8px;
      flex-wrap: wrap;
    }
    .faces button {
      width: calc(var(--rating-face-size, 52px) + 12px);
      min-height: calc(var(--rating-face-size, 52px) + 36px);
      padding: 4px;
      background: transparent;
      color: #fff;
      border: 2px solid transparent;
      border-radius: 12px;
      font: inherit;
      font-size: 0.75em;
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 4px;
      cursor: pointer;
    }
    .faces button:focus-visible {
      outline: 3px solid #ffd400;
    }
    .faces button span.face {
      width: var(--rating-face-size, 52px);
      height: var(--rating-face-size, 52px);
      display: block;
    }
    label {
      display: block;
      text-align: left;
      margin: 12px 0 4px;
      font-size: 0.9em;
    }
    textarea {
      width: 100%;
      box-sizing: border-box;
      min-height: 64px;
      font: inherit;
      font-size: 0.95em;
      border-radius: 8px;
      border: 2px solid #d5ddef;
      background: #15213d;
      color: #fff;
      padding: 8px;
    }
    small {
      display: block;
      text-align: left;
      color: #d5ddef;
      margin-top: 4px;
    }
    .done {
      background: #15213d;
      border-radius: 12px;
      padding: 16px;
      font-size: 1.2em;
    }
    .error {
      color: #ffd6d6;
    }
  `;

  @property({ attribute: 'ticket-id' }) ticketId = '';
  @property({ attribute: false }) api!: Pick<ApiClient, 'post'>;
  /** A shared tablet keeps no memory of which tickets were rated (the server knows). */
  @property({ type: Boolean, attribute: 'no-memory' }) noMemory = false;

  // Follows the page's language switch on its own (its host re-renders only itself).
  private readonly language = new LangController(this);

  @state() private phase: Phase = 'ask';
  @state() private comment = '';

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('ticketId')) {
      this.comment = '';
      this.phase = !this.noMemory && this.ticketId && ratedHere(this.ticketId) ? 'already' : 'ask';
    }
  }

  private async send(score: number): Promise<void> {
    if (this.phase === 'sending') return;
    this.phase = 'sending';
    const comment = this.comment.trim();
    const body: RatingRequest = comment ? { score, comment } : { score };
    try {
      await this.api.post(`/public/tickets/${encodeURIComponent(this.ticketId)}/rating`, body);
      this.finish('thanks', score);
    } catch (e) {
      if (isApiError(e) && e.code === 'already_rated') this.finish('already', null);
      else this.phase = 'error';
    }
  }

  private finish(phase: 'thanks' | 'already', score: number | null): void {
    this.phase = phase;
    if (!this.noMemory) rememberRated(this.ticketId);
    this.dispatchEvent(new CustomEvent('turnero-rated', { detail: { ticketId: this.ticketId, score }, bubbles: true, composed: true }));
  }

  override render() {
    if (this.phase === 'thanks') return html`<p class="done" role="status" data-testid="rating-thanks">${t('rating.thanks')}</p>`;
    if (this.phase === 'already') return html`<p class="done" role="status" data-testid="rating-thanks">${t('rating.already')}</p>`;
    const busy = this.phase === 'sending';
    return html`
      <section aria-labelledby="rating-q">
        <h2 id="rating-q">${t('rating.question')}</h2>
        <p>${t('rating.hint')}</p>
        <label for="comment">${t('rating.commentLabel')}</label>
        <textarea
          id="comment"
          maxlength=${RATING_COMMENT_MAX}
          .value=${this.comment}
          ?disabled=${busy}
          @input=${(e: Event) => (this.comment = (e.target as HTMLTextAreaElement).value)}
        ></textarea>
        <small>${t('rating.commentPrivacy')}</small>
        <div class="faces" role="group" aria-label=${t('rating.question')}>
          ${RATING_SCORES.map(
            (score) => html`<button
              type="button"
              data-score=${score}
              aria-label="${t(`rating.score.${score}`)} (${score}/5)"
              ?disabled=${busy}
              @click=${() => this.send(score)}
            >
              <span class="face">${faceSvg(score)}</span><span aria-hidden="true">${t(`rating.score.${score}`)}</span>
            </button>`,
          )}
        </div>
        ${busy ? html`<p role="status">${t('rating.sending')}</p>` : nothing}
        ${this.phase === 'error' ? html`<p class="error" role="alert">${t('rating.error')}</p>` : nothing}
      </section>
    `;
  }
}
