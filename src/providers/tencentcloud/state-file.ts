import {existsSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import {canonicalJson} from '../../model/canonical.js'
import type {Attributes, Resource, ResourceKind} from '../../model/resource.js'
import type {ConsoleRecord, PendingStep} from '../provider.js'

/**
 * chatcfg's record of the console steps operators confirmed, committed beside the configuration: for
 * settings no public API can read, it is the live state. Secrets are kept as keyed fingerprints only.
 */
export interface RecordedResource {
  readonly kind: ResourceKind
  readonly appKey?: string
  readonly name: string
  readonly attributes: Attributes
  readonly computed?: Attributes
  /** When the operator confirmed the console steps (ISO 8601). */
  readonly confirmedAt: string
  /** Who confirmed them, when they said (`chatcfg steps confirm --by`, or the user at the terminal). */
  readonly confirmedBy?: string
}

interface StateDocument {
  readonly formatVersion: 1
  readonly resources: Record<string, RecordedResource>
  /** Addresses of REST-managed resources (accounts, groups) under deletion protection: the service has nowhere to hold it. */
  readonly protected?: readonly string[]
  readonly pending?: Record<string, PendingStep>
}

export class StateFileError extends Error {}

export class StateRecord implements ConsoleRecord {
  /** Who confirms the console steps recorded from now on. */
  operator: string | undefined

  private constructor(
    readonly path: string,
    private readonly resources: Map<string, RecordedResource>,
    private readonly protections: Set<string> = new Set(),
    private readonly queued: Map<string, PendingStep> = new Map(),
  ) {}

  static load(path: string): StateRecord {
    if (!existsSync(path)) return new StateRecord(path, new Map())
    let document: StateDocument
    try {
      document = JSON.parse(readFileSync(path, 'utf8')) as StateDocument
    } catch {
      throw new StateFileError('not a chatcfg state file (not JSON); restore it from git')
    }
    if (document?.formatVersion !== 1 || !document.resources || typeof document.resources !== 'object') {
      throw new StateFileError('not a chatcfg state file of format 1; restore it from git')
    }
    if (document.pending !== undefined && (!document.pending || typeof document.pending !== 'object' || Array.isArray(document.pending))) {
      throw new StateFileError('its pending console steps are not a map of addresses; restore it from git')
    }
    const protections = Array.isArray(document.protected) ? document.protected.filter((a): a is string => typeof a === 'string') : []
    return new StateRecord(path, new Map(Object.entries(document.resources)), new Set(protections), new Map(Object.entries(document.pending ?? {})))
  }

  get(address: string): RecordedResource | undefined {
    return this.resources.get(address)
  }

  all(): Array<[string, RecordedResource]> {
    return [...this.resources]
  }

  /** Live resources as the record holds them, every attribute marked as recorded. */
  liveResources(): Resource[] {
    return this.all().map(([address, r]) => ({
      kind: r.kind,
      address,
      ...(r.appKey !== undefined ? {appKey: r.appKey} : {}),
      name: r.name,
      attributes: r.attributes,
      ...(r.computed ? {computed: r.computed} : {}),
      recorded: Object.keys(r.attributes),
    }))
  }

  isProtected(address: string): boolean {
    return this.protections.has(address)
  }

  /** Records whether a resource the service cannot mark is under deletion protection. */
  protect(address: string, on: boolean): void {
    if (on === this.protections.has(address)) return
    if (on) this.protections.add(address)
    else this.protections.delete(address)
    this.save()
  }

  set(address: string, resource: RecordedResource): void {
    this.resources.set(address, {...resource, ...(this.operator !== undefined ? {confirmedBy: this.operator} : {})})
    this.queued.delete(address)
    this.save()
  }

  delete(address: string): void {
    const queued = this.queued.delete(address)
    if (this.resources.delete(address) || queued) this.save()
  }

  pending(): ReadonlyMap<string, PendingStep> {
    return this.queued
  }

  /** The console steps an apply left for an operator, replacing the ones an earlier apply left. */
  queue(steps: readonly PendingStep[]): void {
    // A step listed before for the same values keeps its date, and an unchanged list leaves the file as it is.
    const next = steps.map((step): [string, PendingStep] => {
      const listed = this.queued.get(step.address)
      return [step.address, listed?.desired === step.desired && listed.action === step.action ? listed : step]
    })
    if (next.length === this.queued.size && next.every(([address, step]) => this.queued.get(address) === step)) return
    this.queued.clear()
    for (const [address, step] of next) this.queued.set(address, step)
    this.save()
  }

  confirmingAs(name: string): void {
    this.operator = name
  }

  /** Written whole and renamed into place, keys sorted, so it is never half a file and diffs well in git. */
  private save(): void {
    const sorted = Object.fromEntries([...this.resources].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    const protections = [...this.protections].sort()
    const pending = Object.fromEntries([...this.queued].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    const document = {
      formatVersion: 1,
      resources: sorted,
      ...(protections.length > 0 ? {protected: protections} : {}),
      ...(this.queued.size > 0 ? {pending} : {}),
    }
    const text = `${JSON.stringify(JSON.parse(canonicalJson(document)), null, 2)}\n`
    writeFileSync(`${this.path}.tmp`, text)
    renameSync(`${this.path}.tmp`, this.path)
  }
}
