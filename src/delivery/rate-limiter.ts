/**
 * Per-channel send budget: an overall token bucket (e.g. Telegram's 30 msg/s),
 * a minimum interval per chat (1 msg/s), and a global pause after a 429.
 */

export interface RateLimits {
  perSecond: number;
  perChatIntervalMs: number;
}

export class RateLimiter {
  private tokens: number;
  private lastRefill: number;
  private pausedUntil = 0;
  private readonly chatNext = new Map<string, number>();

  /** Tokens per second: one below the limit, since the bucket may also hold one token, so no 1-second window exceeds the limit. */
  private readonly rate: number;

  constructor(private readonly limits: RateLimits, private readonly now: () => number) {
    this.rate = limits.perSecond > 2 ? limits.perSecond - 1 : limits.perSecond;
    this.tokens = 1;
    this.lastRefill = now();
  }

  private refill(): void {
    const t = this.now();
    const elapsed = (t - this.lastRefill) / 1000;
    this.lastRefill = t;
    this.tokens = Math.min(1, this.tokens + elapsed * this.rate);
  }

  /** Milliseconds until an overall send slot is free (0 = now). */
  waitMs(): number {
    const t = this.now();
    if (t < this.pausedUntil) return this.pausedUntil - t;
    this.refill();
    if (this.tokens >= 1) return 0;
    return Math.ceil(((1 - this.tokens) / this.rate) * 1000);
  }

  chatReady(chatId: string): boolean {
    return (this.chatNext.get(chatId) ?? 0) <= this.now();
  }

  /** Takes one overall token and books the chat's next slot. Call only when waitMs() is 0. */
  take(chatId: string): void {
    this.tokens -= 1;
    this.chatNext.set(chatId, this.now() + this.limits.perChatIntervalMs);
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
