import {ServiceError} from '../errors.js'

/**
 * Faults the emulator injects into writes, for testing how chatcfg copes: all off by default, and
 * deterministic for a given seed so a failing run can be replayed.
 */
export interface FaultOptions {
  readonly seed: number
  /** Share of calls refused with a transient internal error before anything is stored. */
  readonly failureRate: number
  /** Share of calls refused as throttled (REST code 60007) before anything is stored. */
  readonly throttleRate: number
  /** Share of calls whose answer is lost after the change was stored. */
  readonly dropRate: number
  /** Added latency per call, in milliseconds. */
  readonly latencyMs: number
}

export const NO_FAULTS: FaultOptions = {seed: 0, failureRate: 0, throttleRate: 0, dropRate: 0, latencyMs: 0}

const SPEC_KEYS: Record<string, keyof FaultOptions> = {seed: 'seed', failure: 'failureRate', throttle: 'throttleRate', drop: 'dropRate', latency: 'latencyMs'}

/** Parses `seed=7,failure=0.1,throttle=0.05,drop=0.01,latency=20` (CHATCFG_EMULATOR_FAULTS). */
export function parseFaultSpec(spec: string): FaultOptions {
  const options: Record<string, number> = {...NO_FAULTS}
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, raw] = part.split('=')
    const key = SPEC_KEYS[name?.trim() ?? '']
    const value = Number(raw)
    if (!key || raw === undefined || !Number.isFinite(value) || value < 0) {
      throw new Error(`bad fault setting "${part}" in CHATCFG_EMULATOR_FAULTS; use seed=N,failure=R,throttle=R,drop=R,latency=MS`)
    }
    if (key !== 'seed' && key !== 'latencyMs' && value > 1) throw new Error(`fault rate "${part}" must be between 0 and 1`)
    options[key] = value
  }
  return options as unknown as FaultOptions
}

/** mulberry32: a small, fast, seedable generator; quality is ample for choosing faults (and fuzz inputs). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export class FaultInjector {
  private readonly random: () => number
  /** How many faults of each kind were injected, for reports. */
  readonly injected = {failure: 0, throttle: 0, drop: 0}

  constructor(readonly options: FaultOptions) {
    this.random = seededRandom(options.seed)
  }

  get active(): boolean {
    const o = this.options
    return o.failureRate > 0 || o.throttleRate > 0 || o.dropRate > 0 || o.latencyMs > 0
  }

  /** Before a write: maybe wait, maybe refuse it (nothing stored). */
  async before(): Promise<void> {
    if (this.options.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.options.latencyMs))
    const roll = this.random()
    if (roll < this.options.throttleRate) {
      this.injected.throttle++
      throw new ServiceError(60007, 'REST API call frequency exceeded (injected fault)', true)
    }
    if (roll < this.options.throttleRate + this.options.failureRate) {
      this.injected.failure++
      throw new ServiceError(70500, 'internal server error (injected fault)', true)
    }
  }

  /** After a write was stored: maybe lose the answer, so the caller cannot know it succeeded. */
  after(): void {
    if (this.random() < this.options.dropRate) {
      this.injected.drop++
      throw new ServiceError('NetworkError', 'connection dropped before the answer arrived (injected fault)', true, true)
    }
  }
}
