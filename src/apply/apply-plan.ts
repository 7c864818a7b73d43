import Bottleneck from 'bottleneck'
import pLimit from 'p-limit'
import pRetry, {AbortError} from 'p-retry'
import type {Attributes, Change, Json} from '../model/resource.js'
import {FINGERPRINT, isSecretMark, type SecretValues} from '../model/secret.js'
import type {Plan, PlannedChange} from '../plan/plan.js'
import {ServiceError} from '../providers/errors.js'
import type {Endpoint, Provider} from '../providers/provider.js'

export type ApplyStatus = 'applied' | 'failed' | 'not-attempted'

/** What happened to one change: the journal apply keeps and reports. */
export interface ApplyResult {
  readonly address: string
  readonly action: Change['action']
  readonly status: ApplyStatus
  readonly attempts: number
  readonly error?: {readonly code: string; readonly message: string; readonly outcomeUnknown: boolean}
}

export interface ApplyReport {
  readonly ok: boolean
  readonly results: readonly ApplyResult[]
}

export interface ApplyOptions {
  /** Told about each result as it happens, for progress output. */
  readonly onResult?: (result: ApplyResult, index: number, total: number) => void
  /** Calls in flight at once, per endpoint (default 8). */
  readonly concurrency?: number
  /** Retries of throttled and transient failures, with exponential backoff and jitter. */
  readonly retries?: number
  readonly minRetryDelayMs?: number
}

/** Puts secret values back where the plan carries fingerprints, at the last moment before sending. */
function unmask(attributes: Attributes | undefined, secrets: SecretValues): Attributes | undefined {
  if (!attributes) return attributes
  const result: Attributes = {}
  for (const [key, value] of Object.entries(attributes)) {
    if (isSecretMark(value as Json)) {
      const secret = secrets.get((value as {[FINGERPRINT]: string})[FINGERPRINT])
      if (secret === undefined)
        throw new ServiceError('chatcfg.SecretUnavailable', `the secret value of ${key} is not available to this run; plan again with the configuration`)
      result[key] = secret
    } else result[key] = value
  }
  return result
}

function toChange(change: PlannedChange, secrets: SecretValues): Change {
  const after = unmask(change.after, secrets)
  return {
    action: change.action,
    kind: change.kind,
    address: change.address,
    name: change.name,
    ...(change.appKey !== undefined ? {appKey: change.appKey} : {}),
    ...(change.before ? {before: change.before} : {}),
    ...(after ? {after} : {}),
    ...(change.liveName !== undefined ? {liveName: change.liveName} : {}),
  }
}

/** Runs calls to one endpoint: at most `concurrency` at once, and within its rate limit when it has one. */
interface Pace {
  run<T>(call: () => Promise<T>): Promise<T>
  stop(): Promise<void>
}

function pacer(endpoint: Endpoint, concurrency: number): Pace {
  if (endpoint.perSecond === undefined) {
    const limit = pLimit(concurrency)
    return {run: (call) => limit(call), stop: async () => {}}
  }
  const limiter = new Bottleneck({maxConcurrent: concurrency, minTime: Math.ceil(1000 / endpoint.perSecond)})
  return {run: (call) => limiter.schedule(call), stop: () => limiter.stop({dropWaitingJobs: false})}
}

/**
 * Applies a plan's changes wave by wave, holding the provider's writer lock. The changes of one wave are
 * independent: they run at once, paced within each endpoint's rate limit. Throttled and transient
 * failures are retried with backoff and jitter; after a lasting failure the wave finishes and no later
 * wave starts, since it may depend on it. The report lists, in plan order, what was applied, what failed
 * and what was not attempted, so the next plan picks up exactly the rest.
 */
export async function applyPlan(plan: Plan, provider: Provider, secrets: SecretValues, options: ApplyOptions = {}): Promise<ApplyReport> {
  const release = await provider.lock('chatcfg apply')
  const results: Array<ApplyResult | undefined> = plan.changes.map(() => undefined)
  const limiters = new Map<string, Pace>()
  const limiterFor = (endpoint: Endpoint): Pace => {
    let pace = limiters.get(endpoint.name)
    if (!pace) {
      pace = pacer(endpoint, options.concurrency ?? 8)
      limiters.set(endpoint.name, pace)
    }
    return pace
  }
  let done = 0
  const record = (index: number, result: ApplyResult) => {
    results[index] = result
    options.onResult?.(result, done++, plan.changes.length)
  }
  try {
    const waves = [...new Set(plan.changes.map((c) => c.wave))].sort((a, b) => a - b)
    let failed = plan.changes.some((c) => c.blockedBy.length > 0)
    for (const wave of waves) {
      if (failed) break
      const members = plan.changes.map((change, index) => ({change, index})).filter(({change}) => change.wave === wave)
      await Promise.all(
        members.map(async ({change, index}) => {
          const outcome = await applyOne(change, provider, secrets, limiterFor(provider.endpointFor(change)), options)
          if (outcome.status === 'failed') failed = true
          record(index, outcome)
        }),
      )
    }
  } finally {
    await Promise.all([...limiters.values()].map((pace) => pace.stop()))
    release()
  }
  const report = plan.changes.map(
    (change, index) => results[index] ?? {address: change.address, action: change.action, status: 'not-attempted' as const, attempts: 0},
  )
  return {ok: report.every((r) => r.status === 'applied'), results: report}
}

async function applyOne(change: PlannedChange, provider: Provider, secrets: SecretValues, pace: Pace, options: ApplyOptions): Promise<ApplyResult> {
  let attempts = 0
  try {
    await pRetry(
      async () => {
        attempts++
        try {
          await pace.run(() => provider.apply(toChange(change, secrets)))
        } catch (error) {
          // A call whose outcome is unknown is not repeated blindly: the next plan reads what happened.
          if (error instanceof ServiceError && error.retryable && !error.outcomeUnknown) throw error
          throw new AbortError(error as Error)
        }
      },
      {retries: options.retries ?? 5, minTimeout: options.minRetryDelayMs ?? 200, factor: 2, randomize: true},
    )
    return {address: change.address, action: change.action, status: 'applied', attempts}
  } catch (error) {
    const cause = error instanceof ServiceError ? error : new ServiceError('chatcfg.Error', error instanceof Error ? error.message : String(error))
    return {
      address: change.address,
      action: change.action,
      status: 'failed',
      attempts,
      error: {code: String(cause.code), message: cause.message, outcomeUnknown: cause.outcomeUnknown},
    }
  }
}
