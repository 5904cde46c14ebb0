/**
 * Reads a QR code from the kiosk's camera: getUserMedia (asked only when the customer
 * picks the camera), a few frames a second drawn to a canvas and decoded by jsQR, loaded
 * on first use so the kiosk's first screen does not wait for it. stop() releases the camera.
 */

/** Frames decoded per second: enough for a held-up phone, light on a kiosk PC. */
const FRAME_MS = 200;

export type CameraProblem = 'denied' | 'unavailable';

export class CameraScanner {
  private stream: MediaStream | null = null;
  private timer?: ReturnType<typeof setTimeout>;
  private stopped = false;

  /** Starts the camera into `video`; resolves when it plays, or with the reason it cannot. */
  async start(video: HTMLVideoElement, onCode: (text: string) => void): Promise<CameraProblem | null> {
    this.stopped = false;
    if (!navigator.mediaDevices?.getUserMedia) return 'unavailable';
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user' }, audio: false });
    } catch (e) {
      return e instanceof DOMException && e.name === 'NotAllowedError' ? 'denied' : 'unavailable';
    }
    if (this.stopped) {
      this.stop();
      return null;
    }
    video.srcObject = this.stream;
    await video.play().catch(() => undefined);
    const { default: jsQR } = await import('jsqr');
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const tick = () => {
      if (this.stopped || !context) return;
      if (video.videoWidth > 0) {
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        context.drawImage(video, 0, 0);
        const frame = context.getImageData(0, 0, canvas.width, canvas.height);
        const found = jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' });
        if (found?.data) {
          this.stop();
          onCode(found.data);
          return;
        }
      }
      this.timer = setTimeout(tick, FRAME_MS);
    };
    tick();
    return null;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = null;
  }
}
