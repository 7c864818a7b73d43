import pLimit from 'p-limit'
import pThrottle from 'p-throttle'

/** The window is 5% longer than a second: network jitter must not bunch calls into a second the service counts. */
export const PACING_WINDOW_MS = 1050

export type Pacer = <T>(call: () => Promise<T>) => Promise<T>

/**
 * One pacer per endpoint: at most its documented number of calls in any window (a strict sliding window,
 * so a service counting either per second or by token bucket never sees more), and, when asked, a bound
 * on the calls in flight at once.
 */
export class EndpointPacers {
  private readonly pacers = new Map<string, Pacer>()

  constructor(
    private readonly rateOf: (endpoint: string) => number,
    private readonly inFlightOf?: (rate: number) => number,
  ) {}

  for(endpoint: string): Pacer {
    let pacer = this.pacers.get(endpoint)
    if (!pacer) {
      const rate = this.rateOf(endpoint)
      const throttle = pThrottle({limit: rate, interval: PACING_WINDOW_MS, strict: true})
      const inFlight = this.inFlightOf ? pLimit(this.inFlightOf(rate)) : undefined
      pacer = <T>(call: () => Promise<T>) => (inFlight ? inFlight(throttle(call)) : throttle(call)())
      this.pacers.set(endpoint, pacer)
    }
    return pacer
  }

  clear(): void {
    this.pacers.clear()
  }
}
