import { css } from 'lit';

/**
 * What the self-service screen adds to the kiosk's styles (it renders inside the kiosk's
 * shadow root, which adopts this sheet): the account card, the payment choices and the
 * barcode shown large enough to be photographed.
 */
export const selfServiceStyles = css`
  kiosk-self-service {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 2.5vmin;
    width: 100%;
    flex: 1;
  }
  kiosk-self-service .account-card {
    display: grid;
    grid-template-columns: auto auto;
    gap: 1.2vmin 4vmin;
    font-size: clamp(1.4rem, 3.2vmin, 2.4rem);
    margin: 0;
  }
  kiosk-self-service .account-card dt {
    color: var(--muted);
  }
  kiosk-self-service .account-card dd {
    margin: 0;
    font-weight: 700;
  }
  kiosk-self-service .amount {
    font-size: clamp(2.4rem, 6vmin, 4.5rem);
    font-weight: 800;
  }
  kiosk-self-service .choices {
    display: flex;
    flex-direction: column;
    gap: 2vmin;
    width: min(100%, 900px);
  }
  kiosk-self-service .barcode {
    background: #fff;
    color: #000;
    padding: 2vmin;
    width: min(100%, 960px);
    margin: 0;
    text-align: center;
  }
  kiosk-self-service .barcode svg {
    width: 100%;
    height: auto;
  }
  kiosk-self-service .barcode figcaption {
    font-family: monospace;
    font-size: clamp(1rem, 2.2vmin, 1.6rem);
    word-break: break-all;
  }
`;
