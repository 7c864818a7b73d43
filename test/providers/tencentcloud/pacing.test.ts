import fc from 'fast-check'
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import {EndpointPacers, RATE_WINDOW_MS} from '../../../src/providers/tencentcloud/pacing.js'

// The clock is simulated: calls take the time the test gives them, so nothing here depends on how fast the machine runs.
beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

/** The most calls the service counted within any one window, as the service's own clock saw them arrive. */
function mostInAnyWindow(arrivals: readonly number[]): number {
  const sorted = [...arrivals].sort((a, b) => a - b)
  let most = 0
  let first = 0
  for (let last = 0; last < sorted.length; last++) {
    while ((sorted[last] as number) - (sorted[first] as number) >= RATE_WINDOW_MS) first++
    most = Math.max(most, last - first + 1)
  }
  return most
}

/**
 * A service reached over a network: each call arrives at some moment of its round trip (the jitter the
 * client cannot see) and is answered at its end, or refused when `fails` says so.
 */
function service(trips: ReadonlyArray<{readonly roundTripMs: number; readonly arrivesAt: number; readonly fails?: boolean}>) {
  const arrivals: number[] = []
  let inFlight = 0
  let mostInFlight = 0
  let next = 0
  const call = () => {
    const trip = trips[next++ % trips.length] ?? {roundTripMs: 1, arrivesAt: 0}
    inFlight++
    mostInFlight = Math.max(mostInFlight, inFlight)
    // Whole milliseconds, as timers count them: the call arrives before its answer leaves.
    setTimeout(() => arrivals.push(Date.now()), Math.floor(trip.roundTripMs * trip.arrivesAt))
    return new Promise<number>((resolve, reject) =>
      setTimeout(() => {
        inFlight--
        if (trip.fails) reject(new Error('refused'))
        else resolve(arrivals.length)
      }, trip.roundTripMs),
    )
  }
  return {call, arrivals, mostInFlight: () => mostInFlight}
}

const trip = fc.record({roundTripMs: fc.integer({min: 1, max: 900}), arrivesAt: fc.double({min: 0, max: 1, noNaN: true}), fails: fc.boolean()})

describe('endpoint pacing', () => {
  it('never lets the service count more than the documented calls in any window, whatever the latency, its jitter and failures', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({min: 1, max: 12}), fc.array(trip, {minLength: 1, maxLength: 40}), async (rate, trips) => {
        const pacers = new EndpointPacers(() => rate)
        const pace = pacers.for('app:endpoint')
        const {call, arrivals} = service(trips)
        const outcomes = Promise.allSettled(Array.from({length: rate * 4 + 3}, () => pace(call)))
        await vi.runAllTimersAsync()
        expect((await outcomes).length).toBe(rate * 4 + 3)
        expect(arrivals).toHaveLength(rate * 4 + 3)
        expect(mostInAnyWindow(arrivals)).toBeLessThanOrEqual(rate)
        pacers.clear()
      }),
      {numRuns: 60},
    )
  })

  it('paces each endpoint on its own, and a refused call reaches its caller', async () => {
    const pacers = new EndpointPacers((endpoint) => (endpoint === 'slow' ? 1 : 5))
    const slow = service([{roundTripMs: 20, arrivesAt: 0.5}])
    const fast = service([{roundTripMs: 20, arrivesAt: 0.5}])
    const both = Promise.all([
      ...Array.from({length: 3}, () => pacers.for('slow')(slow.call)),
      ...Array.from({length: 15}, () => pacers.for('fast')(fast.call)),
    ])
    await vi.runAllTimersAsync()
    await both
    expect(mostInAnyWindow(slow.arrivals)).toBe(1)
    expect(mostInAnyWindow(fast.arrivals)).toBe(5)
    const refused = pacers.for('fast')(service([{roundTripMs: 5, arrivesAt: 0, fails: true}]).call)
    const settled = expect(refused).rejects.toThrow('refused')
    await vi.runAllTimersAsync()
    await settled
    pacers.clear()
  })

  it('keeps no more calls in flight than it is asked to', async () => {
    const pacers = new EndpointPacers(
      () => 200,
      () => 4,
    )
    const {call, mostInFlight} = service([{roundTripMs: 300, arrivesAt: 0.5}])
    const all = Promise.all(Array.from({length: 50}, () => pacers.for('endpoint')(call)))
    await vi.runAllTimersAsync()
    await all
    expect(mostInFlight()).toBe(4)
    pacers.clear()
  })

  it('holds nothing open once closed: places still held are given back at once', async () => {
    const pacers = new EndpointPacers(() => 2)
    const {call} = service([{roundTripMs: 10, arrivesAt: 0.5}])
    const both = Promise.all([pacers.for('endpoint')(call), pacers.for('endpoint')(call)])
    await vi.advanceTimersByTimeAsync(600)
    await both
    expect(vi.getTimerCount()).toBeGreaterThan(0)
    pacers.clear()
    expect(vi.getTimerCount()).toBe(0)
  })
})
