import { css } from 'lit';

/**
 * What the check-in screen adds to the kiosk's styles (it renders inside the kiosk's
 * shadow root, which adopts this sheet): a letters-and-digits keypad with keys of at least
 * 88 px, the camera's picture.
 */
export const checkInStyles = css`
  kiosk-check-in {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 2.5vmin;
    width: 100%;
    flex: 1;
  }
  kiosk-check-in .check-in-form {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 2.5vmin;
    width: 100%;
  }
  kiosk-check-in .keypad.alpha {
    grid-template-columns: repeat(auto-fill, minmax(88px, 1fr));
    width: min(100%, 1100px);
  }
  kiosk-check-in .keypad.alpha .key {
    padding: 0;
    min-width: 0;
    text-align: center;
  }
  kiosk-check-in .key.wide {
    grid-column: span 2;
  }
  kiosk-check-in video.camera {
    width: min(100%, 720px);
    max-height: 50vh;
    background: #000;
    border-radius: 0.5em;
  }
`;
