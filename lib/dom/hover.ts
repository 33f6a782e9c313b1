import type { Match } from './highlight';
import type { Overlay } from './overlay';

interface FrameWindow {
  requestAnimationFrame?: (callback: () => void) => number;
}

/**
 * Shows the overlay's button next to the match under the pointer. Pointer moves are coalesced to one hit
 * test per frame; the button lingers briefly so the pointer can travel to it.
 */
export function trackHover(
  doc: Document,
  win: Window,
  {
    hit,
    overlay,
    signal,
    lingerMs = 600,
  }: {
    hit: (x: number, y: number) => Match | undefined;
    overlay: Overlay;
    signal: AbortSignal;
    lingerMs?: number;
  },
): void {
  const frameWin = win as unknown as FrameWindow;
  let x = 0;
  let y = 0;
  let queued = false;
  let hideTimer: number | undefined;

  const cancelHide = () => {
    if (hideTimer !== undefined) win.clearTimeout(hideTimer);
    hideTimer = undefined;
  };
  const hideSoon = () => {
    if (hideTimer !== undefined || !overlay.current) return;
    hideTimer = win.setTimeout(() => {
      hideTimer = undefined;
      overlay.hide();
    }, lingerMs);
  };
  const test = () => {
    queued = false;
    const match = hit(x, y);
    if (match) {
      cancelHide();
      if (overlay.current !== match) overlay.show(match);
    } else {
      hideSoon();
    }
  };

  doc.addEventListener(
    'pointermove',
    (event) => {
      if (event.target === overlay.host) {
        cancelHide();
        return;
      }
      x = event.clientX;
      y = event.clientY;
      if (queued) return;
      queued = true;
      if (frameWin.requestAnimationFrame) frameWin.requestAnimationFrame(test);
      else win.setTimeout(test, 16);
    },
    { capture: true, passive: true, signal },
  );
  // The button is placed in viewport coordinates: after a scroll it would point at the wrong text.
  win.addEventListener(
    'scroll',
    () => {
      cancelHide();
      overlay.hide();
    },
    { capture: true, passive: true, signal },
  );
  signal.addEventListener('abort', cancelHide);
}
