import type {ConsoleStep} from '../model/console-steps.js'
import type {LiveState} from '../model/live.js'
import type {Change} from '../model/resource.js'
import type {ServiceError} from './errors.js'

/** A console step an apply left for an operator: which change, and a hash of the values the configuration asked for then. */
export interface PendingStep {
  readonly address: string
  readonly action: Change['action']
  /** Hash of the change's values as the plan showed them (secrets as fingerprints). */
  readonly desired: string
  /** When apply listed it (ISO 8601). */
  readonly listedAt: string
}

/** chatcfg's own record of console steps, kept by a provider whose service cannot read them back. */
export interface ConsoleRecord {
  /** Console steps an apply listed and nobody has confirmed yet, by address. */
  pending(): ReadonlyMap<string, PendingStep>
  /** Replaces the pending steps with these. */
  queue(steps: readonly PendingStep[]): void
  /** Names who confirms the steps recorded from now on. */
  confirmingAs(name: string): void
}

/** The API endpoint a change calls: apply keeps its calls within its concurrency; the clients pace and retry them. */
export interface Endpoint {
  readonly name: string
  /** Calls in flight at once, when the provider knows better than apply's default. */
  readonly concurrency?: number
}

/**
 * Where live state comes from and where changes go. The planner reads; apply hands over one change at
 * a time, in dependency order, while holding the writer lock.
 */
export interface Provider {
  readonly name: string
  read(): Promise<LiveState>
  /**
   * Applies one change, all or nothing. Throws ServiceError with the service's code when the service
   * refuses it (nothing stored) or when the outcome is unknown (`outcomeUnknown`).
   */
  apply(change: Change): Promise<void>
  /**
   * Takes the single writer lock, waiting for another writer up to a timeout; returns the release.
   * `onWait` is told who holds it (process, host, purpose, since) when the provider knows, once per holder.
   */
  lock(purpose: string, onWait?: (holder: string) => void): Promise<() => void>
  /**
   * True only when the provider can prove that nobody has written to live state since its last `read`:
   * apply then needs no second read under the lock. Absent, or false, when it cannot tell.
   */
  unchangedSinceRead?(): boolean
  /** The keyed fingerprint this provider shows for a secret value. */
  fingerprint(secret: string): string
  /** The service's clock, in milliseconds since the epoch (rules such as "once a month" use it). */
  now(): number
  /** The endpoint a change goes to, so apply can bound the calls in flight to it. */
  endpointFor(change: Change): Endpoint
  /**
   * Console steps for the part of a change no public API can make (absent: an API makes all of it).
   * Apply has an operator confirm them before it calls `apply`, which then records them.
   */
  consoleSteps?(change: Change): ConsoleStep[] | undefined
  /** The record of console steps, for a provider that keeps one. */
  readonly record?: ConsoleRecord
  /** Changes of one kind the service takes several at a time: the batch they join and its documented maximum size. */
  batchOf?(change: Change): {readonly key: string; readonly size: number} | undefined
  /** Applies a batch in one call; one result per change, in order: undefined when applied, else the service's refusal. */
  applyBatch?(changes: readonly Change[]): Promise<ReadonlyArray<ServiceError | undefined>>
  close(): void
}
