/**
 * Token buckets, one per key (app and endpoint, or API key and action): each holds at most one
 * second's worth of calls and refills continuously, so a client pacing itself at the documented rate
 * is never refused and a burst beyond it is.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, {tokens: number; at: number}>()

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly multiplier = 1,
  ) {}

  take(key: string, documented: number): boolean {
    const perSecond = documented * this.multiplier
    const at = this.now()
    const bucket = this.buckets.get(key) ?? {tokens: perSecond, at}
    bucket.tokens = Math.min(perSecond, bucket.tokens + ((at - bucket.at) * perSecond) / 1000)
    bucket.at = at
    this.buckets.set(key, bucket)
    if (bucket.tokens < 1) return false
    bucket.tokens -= 1
    return true
  }
}

/** What the server saw per endpoint: calls answered, calls refused as over the rate, and when. */
export interface EndpointStats {
  requests: number
  throttled: number
  firstAt: number
  lastAt: number
  /** Most requests answered (not throttled) within any one-second window: what the rate limit is about. */
  peakPerSecond: number
}

export class ServeStats {
  readonly endpoints = new Map<string, EndpointStats>()
  /** Arrival times of the answered requests in the last second, per endpoint. */
  private readonly windows = new Map<string, number[]>()

  /** `at` is when the request arrived (performance.now()), before any simulated latency. */
  record(endpoint: string, throttled: boolean, at: number = performance.now()): void {
    const stats = this.endpoints.get(endpoint) ?? {requests: 0, throttled: 0, firstAt: at, lastAt: at, peakPerSecond: 0}
    stats.requests++
    if (throttled) stats.throttled++
    else {
      const window = (this.windows.get(endpoint) ?? []).filter((t) => at - t < 1000)
      window.push(at)
      this.windows.set(endpoint, window)
      stats.peakPerSecond = Math.max(stats.peakPerSecond, window.length)
    }
    stats.lastAt = Math.max(stats.lastAt, at)
    this.endpoints.set(endpoint, stats)
  }

  clear(): void {
    this.endpoints.clear()
    this.windows.clear()
  }

  snapshot(): Record<string, EndpointStats> {
    return Object.fromEntries([...this.endpoints].map(([name, stats]) => [name, {...stats}]))
  }
}
