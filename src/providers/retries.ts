import pRetry, {AbortError} from 'p-retry'
import {mayRetry} from './errors.js'

/**
 * How a client repeats a call the service may take later. Retrying lives in the clients, one layer per
 * endpoint: the REST and API 3.0 clients of the real service, and the in-process emulator as its own
 * client. Apply makes each change once.
 */
export interface RetryPolicy {
  readonly retries?: number
  readonly minRetryDelayMs?: number
}

/**
 * Makes a call, again with backoff and jitter while the service says it may succeed later; a call
 * whose answer was lost is made again only when it `reads`.
 */
export function withRetries<T>(call: () => Promise<T>, policy: RetryPolicy, reads: boolean): Promise<T> {
  const attempt = async () => {
    try {
      return await call()
    } catch (error) {
      if (mayRetry(error, reads)) throw error
      throw new AbortError(error as Error)
    }
  }
  return pRetry(attempt, {retries: policy.retries ?? 4, minTimeout: policy.minRetryDelayMs ?? 250, factor: 2, randomize: true})
}
