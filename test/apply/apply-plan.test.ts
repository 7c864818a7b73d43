import {describe, expect, it} from 'vitest'
import {applyPlan} from '../../src/apply/apply-plan.js'
import type {LiveState} from '../../src/model/live.js'
import type {Change} from '../../src/model/resource.js'
import type {Plan, PlannedChange} from '../../src/plan/plan.js'
import {ServiceError} from '../../src/providers/errors.js'
import type {Endpoint, Provider} from '../../src/providers/provider.js'

/** A provider that records when each call starts and ends, and fails as told. */
class RecordingProvider implements Provider {
  readonly name = 'recording'
  readonly starts: Array<{address: string; at: number}> = []
  readonly ends: string[] = []
  inFlight = 0
  maxInFlight = 0
  constructor(
    private readonly behaviour: (change: Change, attempt: number) => void = () => {},
    private readonly endpoint: Endpoint = {name: 'test'},
    private readonly delayMs = 5,
  ) {}
  private attempts = new Map<string, number>()
  async read(): Promise<LiveState> {
    return {resources: []}
  }
  async apply(change: Change): Promise<void> {
    const attempt = (this.attempts.get(change.address) ?? 0) + 1
    this.attempts.set(change.address, attempt)
    this.starts.push({address: change.address, at: performance.now()})
    this.inFlight++
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight)
    await new Promise((resolve) => setTimeout(resolve, this.delayMs))
    this.inFlight--
    this.behaviour(change, attempt)
    this.ends.push(change.address)
  }
  async lock(): Promise<() => void> {
    return () => {}
  }
  fingerprint(secret: string): string {
    return `fp:${secret.length}`
  }
  now(): number {
    return 0
  }
  endpointFor(): Endpoint {
    return this.endpoint
  }
  close(): void {}
}

const change = (address: string, wave: number): PlannedChange => ({
  action: 'create',
  kind: 'account',
  address,
  appKey: 'demo',
  name: address,
  after: {type: 'general'},
  changedPaths: ['type'],
  blockedBy: [],
  wave,
})

function planOf(changes: PlannedChange[]): Plan {
  return {
    formatVersion: 1,
    provider: 'test',
    changes,
    diagnostics: [],
    summary: {create: changes.length, update: 0, delete: 0, blocked: 0},
    liveFingerprints: {},
    fingerprint: 'x',
  }
}

describe('apply', () => {
  it('runs the changes of a wave at once, and a wave only after the one before has finished', async () => {
    const provider = new RecordingProvider()
    const plan = planOf([...Array.from({length: 6}, (_, i) => change(`a${i}`, 0)), change('b', 1)])
    const report = await applyPlan(plan, provider, new Map(), {concurrency: 4})
    expect(report.ok).toBe(true)
    expect(provider.maxInFlight).toBe(4)
    expect(provider.starts.at(-1)?.address).toBe('b')
    expect(provider.ends.indexOf('b')).toBe(6)
  })

  it('hands each change over once: repeating a throttled call is the client job, so a refusal that reaches apply fails the change', async () => {
    const provider = new RecordingProvider((_c, attempt) => {
      if (attempt < 3) throw new ServiceError(60007, 'throttled', true)
    })
    const report = await applyPlan(planOf([change('a', 0)]), provider, new Map())
    expect(report.results).toEqual([
      {address: 'a', action: 'create', status: 'failed', attempts: 1, error: {code: '60007', message: 'throttled', outcomeUnknown: false}},
    ])
    expect(provider.starts).toHaveLength(1)
  })

  it('never repeats a call whose outcome is unknown, and starts no later wave after a failure', async () => {
    const provider = new RecordingProvider((c) => {
      if (c.address === 'a1') throw new ServiceError('NetworkError', 'dropped', true, true)
    })
    const report = await applyPlan(planOf([change('a0', 0), change('a1', 0), change('b', 1)]), provider, new Map())
    expect(report.results.map((r) => [r.address, r.status, r.attempts])).toEqual([
      ['a0', 'applied', 1],
      ['a1', 'failed', 1],
      ['b', 'not-attempted', 0],
    ])
    expect(report.results[1].error).toEqual({code: 'NetworkError', message: 'dropped', outcomeUnknown: true})
  })

  it('puts secret values back only at the call, and fails clearly when one is missing', async () => {
    const seen: unknown[] = []
    const provider = new RecordingProvider((c) => seen.push(c.after?.token))
    const withSecret = {...change('hook', 0), kind: 'webhook' as const, after: {url: 'https://h.example.com', token: {$fingerprint: 'fp-1'}}}
    expect((await applyPlan(planOf([withSecret]), provider, new Map([['fp-1', 'the-token']]))).ok).toBe(true)
    expect(seen).toEqual(['the-token'])
    const missing = await applyPlan(planOf([withSecret]), new RecordingProvider(), new Map())
    expect(missing.results[0].error?.code).toBe('chatcfg.SecretUnavailable')
  })
})

/** A provider that takes accounts in batches and answers as told. */
class BatchingProvider extends RecordingProvider {
  readonly batches: string[][] = []
  constructor(private readonly answer: (changes: readonly Change[]) => Array<ServiceError | undefined>) {
    super()
  }
  batchOf(change: Change) {
    return change.kind === 'account' ? {key: 'accounts', size: 3} : undefined
  }
  async applyBatch(changes: readonly Change[]) {
    this.batches.push(changes.map((c) => c.address))
    return this.answer(changes)
  }
}

describe('apply in batches and by hand', () => {
  it('sends batchable changes together, at most the batch size, once; an item the service refused fails alone', async () => {
    const provider = new BatchingProvider((changes) => changes.map((c) => (c.address === 'a1' ? new ServiceError(70402, 'not imported') : undefined)))
    const report = await applyPlan(planOf(Array.from({length: 5}, (_, i) => change(`a${i}`, 0))), provider, new Map())
    expect(provider.batches).toEqual([
      ['a0', 'a1', 'a2'],
      ['a3', 'a4'],
    ])
    expect(report.results.map((r) => `${r.address} ${r.status}`)).toEqual(['a0 applied', 'a1 failed', 'a2 applied', 'a3 applied', 'a4 applied'])
  })

  it('does not count an item the batch answer left out as applied', async () => {
    const provider = new BatchingProvider((changes) => changes.slice(1).map(() => undefined))
    const report = await applyPlan(planOf([change('a0', 0), change('a1', 0)]), provider, new Map())
    expect(report.results.map((r) => `${r.address} ${r.status} ${r.error?.outcomeUnknown ?? ''}`)).toEqual(['a0 applied ', 'a1 failed true'])
  })

  it('asks the operator about manual changes one at a time, never batches them, and reports an operator failure', async () => {
    const provider = new BatchingProvider((changes) => changes.map(() => undefined))
    const manual = (address: string): PlannedChange => ({...change(address, 0), manual: [{page: 'Console', action: 'Set'}]})
    let asking = 0
    let most = 0
    const operator = async (c: PlannedChange) => {
      asking++
      most = Math.max(most, asking)
      await new Promise((resolve) => setTimeout(resolve, 2))
      asking--
      if (c.address === 'm2') throw new Error('the terminal went away')
      return c.address === 'm1' ? undefined : {}
    }
    const report = await applyPlan(planOf([manual('m0'), manual('m1'), manual('m2'), change('a0', 0)]), provider, new Map(), {operator})
    expect(most).toBe(1)
    expect(report.results.map((r) => `${r.address} ${r.status} ${r.error?.code ?? ''}`)).toEqual([
      'm0 applied ',
      'm1 failed chatcfg.ManualStepsNotDone',
      'm2 failed chatcfg.Error',
      'a0 applied ',
    ])
    expect(provider.batches).toEqual([['a0']])
  })

  it('restores secrets at any depth before a change reaches the provider', async () => {
    const seen: Change[] = []
    const provider = new RecordingProvider((c) => seen.push(c))
    const secret = {$fingerprint: 'fp:1'}
    const plan = planOf([{...change('app.demo', 0), kind: 'app', after: {tags: {team: secret}}}])
    await applyPlan(plan, provider, new Map([['fp:1', 'platform']]))
    expect(seen[0]?.after).toEqual({tags: {team: 'platform'}})
    expect(seen[0]?.shown).toEqual({tags: {team: secret}})
  })
})
