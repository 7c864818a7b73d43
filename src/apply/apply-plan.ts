import pLimit from 'p-limit'
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
  /** Times apply handed the change over: 1 once tried (the client may have repeated a throttled call within it), 0 when not. */
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
  /**
   * Walks an operator through a change's console steps, one change at a time; resolves to the values
   * they supplied (an SDKAppID for an app made in the console), or undefined when the steps were not made.
   */
  readonly operator?: (change: PlannedChange) => Promise<Attributes | undefined>
  /** The caller already holds the provider's writer lock (and releases it). */
  readonly lockHeld?: boolean
}

/** Puts secret values back where the plan carries fingerprints, at the last moment before sending. */
function unmask(attributes: Attributes | undefined, secrets: SecretValues): Attributes | undefined {
  return attributes && (unmaskValue(attributes, secrets, '') as Attributes)
}

/** Secrets sit at any depth (a tag or custom field from ${env:…}), so every level is restored. */
function unmaskValue(value: Json, secrets: SecretValues, path: string): Json {
  if (isSecretMark(value)) {
    const secret = secrets.get((value as {[FINGERPRINT]: string})[FINGERPRINT])
    if (secret === undefined)
      throw new ServiceError('chatcfg.SecretUnavailable', `the secret value of ${path} is not available to this run; plan again with the configuration`)
    return secret
  }
  if (Array.isArray(value)) return value.map((item, index) => unmaskValue(item, secrets, `${path}[${index}]`))
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, unmaskValue(item, secrets, path === '' ? key : `${path}.${key}`)]))
  return value
}

function toChange(change: PlannedChange, secrets: SecretValues, computed?: Attributes): Change {
  const after = unmask(change.after, secrets)
  return {
    ...(computed && Object.keys(computed).length > 0 ? {computed} : {}),
    ...(change.after ? {shown: change.after} : {}),
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

/** Runs calls to one endpoint, at most `concurrency` at once. */
type Pace = (<T>(call: () => Promise<T>) => Promise<T>) & {readonly concurrency: number}

/**
 * Applies a plan's changes wave by wave, holding the provider's writer lock. The changes of one wave are
 * independent: they run at once, as many at a time as each endpoint's concurrency allows. Each change is
 * handed over once: pacing within rate limits and repeating throttled or transient calls are the
 * clients' (one layer, per endpoint). After a failure the wave finishes and no later wave starts, since
 * it may depend on it. The report lists, in plan order, what was applied, what failed
 * and what was not attempted, so the next plan picks up exactly the rest.
 */
export async function applyPlan(plan: Plan, provider: Provider, secrets: SecretValues, options: ApplyOptions = {}): Promise<ApplyReport> {
  // A caller that planned under the lock keeps it, so the plan and its writes see one snapshot of live state.
  const release = options.lockHeld ? () => {} : await provider.lock('chatcfg apply')
  const results: Array<ApplyResult | undefined> = plan.changes.map(() => undefined)
  const limiters = new Map<string, Pace>()
  const limiterFor = (endpoint: Endpoint): Pace => {
    let pace = limiters.get(endpoint.name)
    if (!pace) {
      pace = pLimit(options.concurrency ?? endpoint.concurrency ?? 8)
      limiters.set(endpoint.name, pace)
    }
    return pace
  }
  let done = 0
  const record = (index: number, result: ApplyResult) => {
    results[index] = result
    options.onResult?.(result, done++, plan.changes.length)
  }
  // One operator, one change at a time: console steps are never asked for side by side.
  const operatorTurn = pLimit(1)
  const context: RunContext = {provider, secrets, options, operatorTurn}
  try {
    const waves = new Map<number, Member[]>()
    for (const [index, change] of plan.changes.entries()) {
      const members = waves.get(change.wave)
      if (members) members.push({change, index})
      else waves.set(change.wave, [{change, index}])
    }
    let failed = plan.changes.some((c) => c.blockedBy.length > 0)
    for (const wave of [...waves.keys()].sort((a, b) => a - b)) {
      if (failed) break
      const run = async ({batched, members: unit}: Unit, pace: Pace) => {
        const outcomes = batched ? await applyBatch(unit, pace, context) : [await applyOne((unit[0] as Member).change, pace, context)]
        for (const [k, outcome] of outcomes.entries()) {
          if (outcome.status === 'failed') failed = true
          record((unit[k] as Member).index, outcome)
        }
      }
      await runWave(batchUnits(waves.get(wave) ?? [], provider), (unit) => limiterFor(provider.endpointFor((unit.members[0] as Member).change)), run)
    }
  } finally {
    release()
  }
  const report = plan.changes.map(
    (change, index) => results[index] ?? {address: change.address, action: change.action, status: 'not-attempted' as const, attempts: 0},
  )
  return {ok: report.every((r) => r.status === 'applied'), results: report}
}

interface RunContext {
  readonly provider: Provider
  readonly secrets: SecretValues
  readonly options: ApplyOptions
  readonly operatorTurn: ReturnType<typeof pLimit>
}

type Member = {readonly change: PlannedChange; readonly index: number}
type Unit = {batched: boolean; members: Member[]}

/**
 * Runs a wave's units, all of them at once as far as their endpoints' pacing lets them. A change made by hand
 * starts at once (its console steps wait for the operator, not for the endpoint); the others are handed to
 * their endpoint's pacing in order, by as many feeders as it makes calls at once, each taking the next unit
 * when its last one is done. Nothing waits in a queue: a wave from empty at the account's limit is tens of
 * thousands of changes, each of which would wait there with its promises and closures.
 *
 * Two orders differ from queueing every unit at the wave's start, neither in a report (always in plan order):
 * a change made by hand reaches its endpoint as soon as the operator confirms it, not behind the units of its
 * wave not yet started; and with several endpoints, calls start endpoint by endpoint (each provider has one).
 */
async function runWave(units: readonly Unit[], paceOf: (unit: Unit) => Pace, run: (unit: Unit, pace: Pace) => Promise<void>): Promise<void> {
  const lanes = new Map<Pace, Unit[]>()
  const started: Array<Promise<void>> = []
  for (const unit of units) {
    const pace = paceOf(unit)
    if ((unit.members[0] as Member).change.manual) started.push(run(unit, pace))
    else {
      const lane = lanes.get(pace)
      if (lane) lane.push(unit)
      else lanes.set(pace, [unit])
    }
  }
  for (const [pace, lane] of lanes) {
    let next = 0
    const feed = async () => {
      while (next < lane.length) await run(lane[next++] as Unit, pace)
    }
    for (let k = 0; k < Math.min(pace.concurrency, lane.length); k++) started.push(feed())
  }
  await Promise.all(started)
}

/** A wave's changes as units of work: changes the provider takes together, in batches of its documented size, and the rest one by one. */
function batchUnits(members: readonly Member[], provider: Provider): Unit[] {
  const units: Unit[] = []
  const open = new Map<string, Member[]>()
  for (const member of members) {
    // Console steps are confirmed change by change, so a manual change never joins a batch.
    const batch = member.change.manual || !provider.applyBatch ? undefined : provider.batchOf?.(member.change)
    if (!batch) {
      units.push({batched: false, members: [member]})
      continue
    }
    const current = open.get(batch.key)
    if (current && current.length < batch.size) current.push(member)
    else {
      const unit = {batched: true, members: [member]}
      open.set(batch.key, unit.members)
      units.push(unit)
    }
  }
  return units
}

function failure(change: PlannedChange, attempts: number, error: unknown): ApplyResult {
  const cause = error instanceof ServiceError ? error : new ServiceError('chatcfg.Error', error instanceof Error ? error.message : String(error))
  return {
    address: change.address,
    action: change.action,
    status: 'failed',
    attempts,
    error: {code: String(cause.code), message: cause.message, outcomeUnknown: cause.outcomeUnknown},
  }
}

async function applyOne(change: PlannedChange, pace: Pace, {provider, secrets, options, operatorTurn}: RunContext): Promise<ApplyResult> {
  let supplied: Attributes | undefined
  if (change.manual) {
    try {
      supplied = options.operator ? await operatorTurn(() => options.operator?.(change) ?? Promise.resolve(undefined)) : undefined
    } catch (error) {
      return failure(change, 0, error)
    }
    if (supplied === undefined) {
      return failure(change, 0, new ServiceError('chatcfg.ManualStepsNotDone', 'the console steps of this change were not confirmed; nothing recorded'))
    }
  }
  try {
    await pace(() => provider.apply(toChange(change, secrets, supplied)))
    return {address: change.address, action: change.action, status: 'applied', attempts: 1}
  } catch (error) {
    return failure(change, 1, error)
  }
}

/** One batch, in one call: each item applied, refused, or (no result for it) of unknown outcome. */
async function applyBatch(unit: readonly Member[], pace: Pace, {provider, secrets}: RunContext): Promise<ApplyResult[]> {
  let answers: ReadonlyArray<ServiceError | undefined>
  try {
    answers = await pace(() => provider.applyBatch?.(unit.map((m) => toChange(m.change, secrets))) ?? Promise.resolve([]))
  } catch (error) {
    return unit.map((member) => failure(member.change, 1, error))
  }
  return unit.map(({change}, k) => {
    // No answer for an item is not success: the service may or may not have taken it.
    const error = k < answers.length ? answers[k] : new ServiceError('chatcfg.NoAnswer', 'the batch answer has no result for this item', true, true)
    return error ? failure(change, 1, error) : {address: change.address, action: change.action, status: 'applied', attempts: 1}
  })
}
