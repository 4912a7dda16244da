// A counter of "something changed" events that long-polling requests can wait on.
import type { CancellationToken } from "vscode-languageserver/node";

export class ChangeSignal {
  count = 0;
  private waiters = new Set<(changed: boolean) => void>();
  private closed = false;

  fire(): void {
    this.count++;
    this.settle(true);
  }

  /** Wakes every waiter with `false` and makes later waits return at once (shutdown). */
  close(): void {
    this.closed = true;
    this.settle(false);
  }

  /** Resolves true once `count` moves past `since`, false on cancellation or close. */
  wait(since: number, token: CancellationToken): Promise<boolean> {
    if (this.count !== since) return Promise.resolve(true);
    if (this.closed || token.isCancellationRequested) return Promise.resolve(false);
    return new Promise((resolve) => {
      const subscription = token.onCancellationRequested(() => finish(false));
      const finish = (changed: boolean) => {
        subscription.dispose();
        this.waiters.delete(finish);
        resolve(changed);
      };
      this.waiters.add(finish);
    });
  }

  private settle(changed: boolean): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const waiter of waiters) waiter(changed);
  }
}
