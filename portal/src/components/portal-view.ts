import { LitElement } from 'lit';
import { LangController } from '@turnero/web-client/lang-controller';
import { portalStyles } from './portal-styles';

/**
 * What every portal page shares: the styles, re-rendering on a language switch, and
 * moving focus to its heading when it opens, so a screen reader announces the new page
 * (a hash change alone is silent).
 */
export class PortalView extends LitElement {
  static override styles = [portalStyles];
  protected readonly language = new LangController(this);

  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }
}
