import pLimit from 'p-limit'
import pThrottle from 'p-throttle'

/** The span the service counts an endpoint's calls in: its documented rate is a number of calls per second. */
export const RATE_WINDOW_MS = 1000

export type Pacer = <T>(call: () => Promise<T>) => Promise<T>

/**
 * One pacer per endpoint, keeping the calls the service sees within its documented rate in every second,
 * whatever the network's latency or jitter and wherever the service's clock starts its seconds.
 *
 * A call reaches the service at some moment between our sending it and our reading its answer, which we
 * cannot see. So each call holds one of the endpoint's `rate` places from before it is sent until a full
 * window after its answer is read (a p-limit whose places are given back late). Were `rate + 1` calls to
 * reach the service within one window, each would still hold its place when the last of them was sent,
 * one more than there are. The margin this keeps is each call's own round trip, no more: a long import
 * runs at `rate × 1 s / (1 s + round trip)`, about 98% of the rate at 20 ms.
 *
 * The calls are also spaced evenly, one per `1 s / rate` (p-throttle's fixed windows, which do not drift
 * when a timer fires late), so a window's calls reach the service spread over it, not as one burst. When
 * asked, a bound on the calls in flight at once keeps connections few across latency.
 */
export class EndpointPacers {
  private readonly pacers = new Map<string, Pacer>()
  /** Places waiting to be given back, so closing the client does not keep the process alive for a window. */
  private readonly returns = new Map<ReturnType<typeof setTimeout>, () => void>()

  constructor(
    private readonly rateOf: (endpoint: string) => number,
    private readonly inFlightOf?: (rate: number) => number,
  ) {}

  for(endpoint: string): Pacer {
    let pacer = this.pacers.get(endpoint)
    if (!pacer) {
      const rate = this.rateOf(endpoint)
      const places = pLimit(rate)
      const spaced = pThrottle({limit: 1, interval: RATE_WINDOW_MS / rate})
      const inFlight = this.inFlightOf ? pLimit(this.inFlightOf(rate)) : undefined
      const send = spaced(<T>(call: () => Promise<T>) => (inFlight ? inFlight(call) : call()))
      pacer = <T>(call: () => Promise<T>) =>
        new Promise<T>((resolve, reject) => {
          places(async () => {
            try {
              resolve(await send(call))
            } catch (error) {
              reject(error)
            }
            await this.giveBackLater()
          })
        })
      this.pacers.set(endpoint, pacer)
    }
    return pacer
  }

  private giveBackLater(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.returns.delete(timer)
        resolve()
      }, RATE_WINDOW_MS)
      this.returns.set(timer, resolve)
    })
  }

  /** Forgets the pacers; places still held are given back at once, as no call follows a closed client. */
  clear(): void {
    for (const [timer, giveBack] of this.returns) {
      clearTimeout(timer)
      giveBack()
    }
    this.returns.clear()
    this.pacers.clear()
  }
}
