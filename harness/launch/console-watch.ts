/**
 * Lets host actions wait for text on the guest console. Text is matched across chunk
 * boundaries; the first `SEARCH_WINDOW_CHARS` characters are kept so that a wait started after
 * the text appeared still succeeds.
 */

/**
 * Console characters kept for late waits (64 Ki). Start lines come in the first few hundred
 * bytes; a guest that prints in a loop must not grow this without bound.
 */
const SEARCH_WINDOW_CHARS = 64 * 1024;

interface Waiter {
  readonly text: string;
  readonly resolve: (found: boolean) => void;
  readonly timer: NodeJS.Timeout;
}

export class ConsoleWatch {
  private early = '';
  /** The last characters seen, long enough to match any waiter's text across chunks. */
  private carry = '';
  private readonly waiters = new Set<Waiter>();
  private closed = false;
  private readonly decoder = new TextDecoder('utf-8');

  /** Feeds a console chunk and wakes every waiter whose text has now appeared. */
  push(chunk: Buffer): void {
    const text = this.decoder.decode(chunk, { stream: true });
    if (this.early.length < SEARCH_WINDOW_CHARS) {
      this.early += text.slice(0, SEARCH_WINDOW_CHARS - this.early.length);
    }
    const window = this.carry + text;
    let longest = 0;
    for (const waiter of this.waiters) {
      if (window.includes(waiter.text)) this.settle(waiter, true);
      else longest = Math.max(longest, waiter.text.length);
    }
    this.carry = window.slice(
      Math.max(0, window.length - Math.max(longest, 1024)),
    );
  }

  /** Resolves true once `text` has appeared, false on timeout or when the stream closes. */
  waitFor(text: string, timeoutMs: number): Promise<boolean> {
    if (this.early.includes(text) || this.carry.includes(text))
      return Promise.resolve(true);
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        text,
        resolve,
        timer: setTimeout(() => {
          this.settle(waiter, false);
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Ends every pending wait with false. */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiters) this.settle(waiter, false);
  }

  private settle(waiter: Waiter, found: boolean): void {
    if (!this.waiters.delete(waiter)) return;
    clearTimeout(waiter.timer);
    waiter.resolve(found);
  }
}
