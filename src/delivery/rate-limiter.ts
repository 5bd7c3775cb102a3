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

  constructor(private readonly limits: RateLimits, private readonly now: () => number) {
    this.tokens = Math.min(limits.perSecond, Math.max(1, limits.perSecond / 10));
    this.lastRefill = now();
  }

  private refill(): void {
    const t = this.now();
    const elapsed = (t - this.lastRefill) / 1000;
    this.lastRefill = t;
    // Burst capped at a tenth of a second's worth, so the rate over any window stays within the limit.
    const cap = Math.max(1, this.limits.perSecond / 10);
    this.tokens = Math.min(cap, this.tokens + elapsed * this.limits.perSecond);
  }

  /** Milliseconds until an overall send slot is free (0 = now). */
  waitMs(): number {
    const t = this.now();
    if (t < this.pausedUntil) return this.pausedUntil - t;
    this.refill();
    if (this.tokens >= 1) return 0;
    return Math.ceil(((1 - this.tokens) / this.limits.perSecond) * 1000);
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
