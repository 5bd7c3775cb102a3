/**
 * Per-channel send budget: at most `perSecond` sends in any sliding window of
 * one second (a log of recent send times, like the platform counts them),
 * sends paced evenly through the second (no bursts: fewer requests in flight,
 * so a crash leaves fewer messages whose fate is unknown), a minimum interval
 * per chat (Telegram: 1 msg/s), and a pause after 429s.
 */

export interface RateLimits {
  perSecond: number;
  perChatIntervalMs: number;
}

/** A little more than a second, so clock jitter between us and the platform never shows as an excess. */
const WINDOW_MS = 1010;
/** The same margin on the per-chat gap. */
const CHAT_MARGIN_MS = 15;

export class RateLimiter {
  private readonly sent: number[] = [];
  private head = 0;
  private pausedUntil = 0;
  private nextSlot = 0;
  private readonly gap: number;
  /** Sends are spaced evenly (platform-like rates); otherwise only the window counts. */
  readonly paced: boolean;
  private readonly chatNext = new Map<string, number>();

  constructor(
    private readonly limits: RateLimits,
    private readonly now: () => number,
  ) {
    // Pacing only matters at platform-like rates; at thousands per second the window alone is enough.
    this.gap = limits.perSecond <= 200 ? 1000 / limits.perSecond : 0;
    this.paced = this.gap > 0;
  }

  private inWindow(t: number): number {
    while (this.head < this.sent.length && this.sent[this.head]! <= t - WINDOW_MS) this.head++;
    if (this.head > 4096 && this.head * 2 > this.sent.length) {
      this.sent.splice(0, this.head);
      this.head = 0;
    }
    return this.sent.length - this.head;
  }

  /** Milliseconds until an overall send slot is free (0 = now). */
  waitMs(): number {
    const t = this.now();
    if (t < this.pausedUntil) return Math.ceil(this.pausedUntil - t);
    if (t < this.nextSlot) return Math.max(1, Math.ceil(this.nextSlot - t));
    if (this.inWindow(t) < this.limits.perSecond) return 0;
    return Math.max(1, Math.ceil(this.sent[this.head]! + WINDOW_MS - t));
  }

  chatReady(chatId: string): boolean {
    return (this.chatNext.get(chatId) ?? 0) <= this.now();
  }

  /** Books one send now for the channel and the chat. Call only when waitMs() is 0. */
  take(chatId: string): void {
    const t = this.now();
    this.sent.push(t);
    // Slots follow a fixed grid, so timer lateness does not add up (one slot of catch-up at most).
    if (this.gap > 0) this.nextSlot = Math.max(this.nextSlot, t - this.gap) + this.gap;
    if (this.limits.perChatIntervalMs > 0)
      this.chatNext.set(chatId, t + this.limits.perChatIntervalMs + CHAT_MARGIN_MS);
    if (this.chatNext.size > 50_000) this.prune();
  }

  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  delayChat(chatId: string, ms: number): void {
    this.chatNext.set(chatId, Math.max(this.chatNext.get(chatId) ?? 0, this.now() + ms));
  }

  private prune(): void {
    const t = this.now();
    for (const [chat, next] of this.chatNext) if (next <= t) this.chatNext.delete(chat);
  }
}
