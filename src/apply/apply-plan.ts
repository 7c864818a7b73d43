import pRetry, {AbortError} from 'p-retry'
import type {Attributes, Change, Json} from '../model/resource.js'
import {FINGERPRINT, isSecretMark, type SecretValues} from '../model/secret.js'
import type {Plan, PlannedChange} from '../plan/plan.js'
import {ServiceError} from '../providers/errors.js'
import type {Provider} from '../providers/provider.js'

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

/**
 * Applies a plan's changes in order, one at a time, holding the provider's writer lock. Throttled and
 * transient failures are retried; the first lasting failure stops the run, because later changes may
 * depend on it. The report says what was applied, what failed and what was not attempted, so the next
 * plan picks up exactly the rest.
 */
export async function applyPlan(plan: Plan, provider: Provider, secrets: SecretValues, options: ApplyOptions = {}): Promise<ApplyReport> {
  const release = await provider.lock('chatcfg apply')
  const results: ApplyResult[] = []
  try {
    let failed = false
    for (const [index, change] of plan.changes.entries()) {
      if (failed || change.blockedBy.length > 0) {
        results.push({address: change.address, action: change.action, status: 'not-attempted', attempts: 0})
        continue
      }
      let attempts = 0
      try {
        await pRetry(
          async () => {
            attempts++
            try {
              await provider.apply(toChange(change, secrets))
            } catch (error) {
              // A call whose outcome is unknown is not repeated blindly: the next plan reads what happened.
              if (error instanceof ServiceError && error.retryable && !error.outcomeUnknown) throw error
              throw new AbortError(error as Error)
            }
          },
          {retries: options.retries ?? 5, minTimeout: options.minRetryDelayMs ?? 200, factor: 2, randomize: true},
        )
        results.push({address: change.address, action: change.action, status: 'applied', attempts})
      } catch (error) {
        failed = true
        const cause =
          error instanceof ServiceError
            ? error
            : error instanceof Error
              ? new ServiceError('chatcfg.Error', error.message)
              : new ServiceError('chatcfg.Error', String(error))
        results.push({
          address: change.address,
          action: change.action,
          status: 'failed',
          attempts,
          error: {code: String(cause.code), message: cause.message, outcomeUnknown: cause.outcomeUnknown},
        })
      }
      options.onResult?.(results[results.length - 1], index, plan.changes.length)
    }
  } finally {
    release()
  }
  return {ok: results.every((r) => r.status === 'applied'), results}
}
