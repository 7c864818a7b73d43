/**
 * A refusal or failure reported by the Chat service (or the emulator standing in for it), with the
 * service's own error code: a number for REST v4, a dotted string for API 3.0, and `Console.*` for
 * console-only settings, which have no public API and therefore no public code.
 */
export class ServiceError extends Error {
  constructor(
    readonly code: number | string,
    message: string,
    /** Throttling and transient failures: the same call may succeed when retried. */
    readonly retryable = false,
    /** The call may have taken effect even though no answer came back. */
    readonly outcomeUnknown = false,
  ) {
    super(message)
    this.name = 'ServiceError'
  }
}

/** The emulator's database or lock cannot be used; the message names the file and what to do. */
export class EmulatorUnavailableError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'EmulatorUnavailableError'
  }
}

/**
 * Whether a failed call may be made again: the service said so (throttled, transient), and either it
 * stored nothing or the call only reads, so repeating it cannot do anything twice.
 */
export function mayRetry(error: unknown, reads: boolean): error is ServiceError {
  return error instanceof ServiceError && error.retryable && (!error.outcomeUnknown || reads)
}
