import type {Edition} from '../config/generated/config.js'
import {configSchema} from '../config/schema.js'
import type {Diagnostic, SourceRange} from '../diagnostics/diagnostic.js'
import {sortDiagnostics} from '../diagnostics/diagnostic.js'
import {overlay} from '../model/attributes.js'
import type {ConsoleStep} from '../model/console-steps.js'
import type {DesiredResource, DesiredState} from '../model/desired.js'
import {editionSpec} from '../model/editions.js'
import {KINDS} from '../model/kinds/index.js'
import type {LiveState} from '../model/live.js'
import {newAppResources} from '../model/new-app.js'
import type {Resource, ResourceKind} from '../model/resource.js'
import {LIVE_RULES} from '../rules/index.js'
import type {Finding} from '../rules/rule.js'
import {consoleQueue} from './console-queue.js'
import {addChangedPaths, type DiffOptions, maskLike} from './diff.js'
import {hash, planFingerprint} from './fingerprint.js'
import {orderChanges} from './order.js'
import type {DraftChange, Plan, PlannedChange, PlanSummary} from './plan.js'
import {extended, withSource} from './source.js'

/** Per kind, the maps managed whole: an entry removed from the configuration is removed live. */
const WHOLE_MAPS = new Map(Object.values(KINDS).map((definition): [ResourceKind, ReadonlySet<string>] => [definition.kind, new Set(definition.wholeMaps)]))
const NO_WHOLE_MAPS: ReadonlySet<string> = new Set()
/** Share of a kind's live resources one plan may delete before --force is needed. */
export const DELETE_THRESHOLD = 0.3

export interface PlanOptions {
  readonly provider: string
  /** Source position of a configuration value, by JSON pointer (nearest ancestor when needed). */
  readonly locate: (pointer: string) => {value?: SourceRange; key?: SourceRange}
  /** Only changes at or below these addresses. */
  readonly targets?: readonly string[]
  /** Allow deletions beyond the safety threshold. */
  readonly force?: boolean
  readonly now: number
  /** The provider's keyed fingerprint, to compare configured secrets with values the service holds in clear. */
  readonly fingerprint: (secret: string) => string
  /** The console steps a change needs, when the provider has no API for (part of) it. */
  readonly consoleSteps?: (change: DraftChange) => readonly ConsoleStep[] | undefined
}

/** Live resources under the configuration's app keys: an app adopted by SDKAppID is renamed to its key. */
function adoptLive(desired: DesiredState, live: LiveState): {resources: Map<string, Resource>; adopted: Map<string, string>; whenOmitted: Resource[]} {
  const adopted = new Map<string, string>()
  const liveKeyBySdkAppId = new Map(live.resources.filter((r) => r.kind === 'app').map((r) => [r.computed?.sdkAppId, r.name]))
  for (const app of desired.resources) {
    const sdkAppId = app.kind === 'app' ? app.computed?.sdkAppId : undefined
    const liveKey = sdkAppId === undefined ? undefined : liveKeyBySdkAppId.get(sdkAppId)
    if (app.appKey && liveKey && liveKey !== app.appKey) adopted.set(liveKey, app.appKey)
  }
  const resources = new Map<string, Resource>()
  // Those of kinds that leave with the configuration, in the same order: the planner looks at no other when it looks for them.
  const whenOmitted: Resource[] = []
  let replaced = false
  // Indexed loops here and in draftChanges: they run once over every resource, mostly before they are optimized, where a for…of allocates at every step.
  for (let index = 0; index < live.resources.length; index++) {
    const resource = live.resources[index] as Resource
    const key = adopted.size > 0 && resource.appKey !== undefined ? adopted.get(resource.appKey) : undefined
    const renamed: Resource = key
      ? {
          ...resource,
          appKey: key,
          address: `app.${key}${resource.address.slice(`app.${resource.appKey}`.length)}`,
          ...(resource.kind === 'app' ? {name: key} : {}),
        }
      : resource
    const size = resources.size
    resources.set(renamed.address, renamed)
    if (resources.size === size) replaced = true
    if (KINDS[renamed.kind].deletion === 'when-omitted') whenOmitted.push(renamed)
  }
  return {
    resources,
    adopted: new Map([...adopted].map(([liveKey, key]) => [key, liveKey])),
    // An app adopted under a key another live app holds replaces that one's resources: as the map holds them.
    whenOmitted: replaced ? [...resources.values()].filter((resource) => KINDS[resource.kind].deletion === 'when-omitted') : whenOmitted,
  }
}

function sourceOf(options: PlanOptions, resource: DesiredResource | undefined, attribute?: string): SourceRange | undefined {
  if (!resource) return undefined
  const pointer = attribute ? `${resource.pointer}/${attribute.split('.').join('/')}` : resource.pointer
  const found = options.locate(pointer)
  return attribute ? (found.value ?? found.key) : (found.key ?? found.value)
}

/** A change of a declared resource; where it is declared is found only when someone reads it. */
function draftOf(
  resource: DesiredResource,
  options: PlanOptions,
  fields: Omit<DraftChange, 'kind' | 'address' | 'name' | 'appKey' | 'blockedBy' | 'source'>,
): DraftChange {
  return Object.assign(
    withSource(
      {kind: resource.kind, address: resource.address, name: resource.name, ...(resource.appKey ? {appKey: resource.appKey} : {}), blockedBy: []},
      () => sourceOf(options, resource),
    ),
    fields,
  )
}

function draftChanges(
  desired: DesiredState,
  desiredByAddress: ReadonlyMap<string, DesiredResource>,
  live: Map<string, Resource>,
  adopted: Map<string, string>,
  whenOmitted: readonly Resource[],
  options: PlanOptions,
  diagnostics: Diagnostic[],
): DraftChange[] {
  const changes: DraftChange[] = []
  // A new app comes with default settings and an administrator: diff against those, not against nothing.
  const implied = new Map<string, Resource>()
  for (const app of desired.resources) {
    if (app.kind === 'app' && !app.absent && app.appKey && !live.has(app.address)) {
      for (const resource of newAppResources(app.appKey, String(app.attributes.edition))) implied.set(resource.address, resource)
    }
  }
  const deletedApps = new Set(desired.resources.filter((r) => r.kind === 'app' && r.absent && live.has(r.address)).map((r) => r.appKey))
  // What the plan shows of live state: values the configuration holds as secrets, as fingerprints.
  const shownBefore = (live: Resource, resource: DesiredResource) => maskLike(live.attributes, resource.attributes, options.fingerprint)
  const diffOptions = new Map([...WHOLE_MAPS].map(([kind, wholeMaps]): [ResourceKind, DiffOptions] => [kind, {fingerprint: options.fingerprint, wholeMaps}]))
  const noWholeMaps: DiffOptions = {fingerprint: options.fingerprint, wholeMaps: NO_WHOLE_MAPS}
  // One list for the paths of every resource, copied only for one that changes: most resources do not.
  const paths: string[] = []
  for (let index = 0; index < desired.resources.length; index++) {
    const resource = desired.resources[index] as DesiredResource
    const have = live.get(resource.address) ?? implied.get(resource.address)
    if (resource.kind === 'app' && resource.computed?.sdkAppId !== undefined && !have) {
      diagnostics.push({
        severity: 'error',
        code: 'plan/unknown-app',
        message: `no app with SDKAppID ${resource.computed.sdkAppId} exists in the account`,
        address: resource.address,
        path: `${resource.pointer}/sdkAppId`,
        source: sourceOf(options, resource, 'sdkAppId'),
      })
      continue
    }
    if (resource.pending) {
      diagnostics.push({
        severity: 'warning',
        code: 'plan/pending-reference',
        message: `${resource.address} is left for the next plan: ${resource.pending}`,
        address: resource.address,
        path: resource.pointer,
        source: sourceOf(options, resource),
      })
      continue
    }
    if (resource.absent) {
      if (have && !(resource.appKey && resource.kind !== 'app' && deletedApps.has(resource.appKey))) {
        const before = shownBefore(have, resource)
        // An app is disabled before it is deleted, as the service requires.
        if (resource.kind === 'app' && have.attributes.status !== 'disabled') {
          changes.push(draftOf(resource, options, {action: 'update', before, after: {...before, status: 'disabled'}, changedPaths: ['status']}))
        }
        changes.push(draftOf(resource, options, {action: 'delete', before, changedPaths: []}))
      }
      continue
    }
    if (resource.appKey && deletedApps.has(resource.appKey)) continue
    if (!have) {
      changes.push(draftOf(resource, options, {action: 'create', after: resource.attributes, changedPaths: Object.keys(resource.attributes)}))
      continue
    }
    const liveName = resource.kind === 'app' ? adopted.get(resource.name) : undefined
    const diff = diffOptions.get(resource.kind) ?? noWholeMaps
    const whole = KINDS[resource.kind].attributes === 'whole'
    // Protection lives on the resource: dropping `protected: true` lifts it, a change of its own.
    const unprotected = !whole && have.attributes.protected === true && resource.attributes.protected !== true
    paths.length = 0
    if (liveName) paths.push('(adopted)')
    addChangedPaths(resource.attributes, have.attributes, diff, '', paths)
    // A webhook or certificate is what the configuration says, whole: a value it drops is removed.
    if (whole) for (const key of Object.keys(have.attributes)) if (!Object.hasOwn(resource.attributes, key)) paths.push(key)
    if (unprotected) paths.push('protected')
    if (paths.length > 0) {
      const before = shownBefore(have, resource)
      const {protected: _lifted, ...kept} = before
      changes.push(
        draftOf(resource, options, {
          action: 'update',
          before,
          after: whole ? resource.attributes : overlay(unprotected ? kept : before, resource.attributes, diff.wholeMaps),
          changedPaths: paths.slice(),
          ...(liveName ? {liveName} : {}),
        }),
      )
    }
  }
  // Kinds such as webhooks and push certificates leave with the configuration, within apps it manages.
  for (const resource of whenOmitted) {
    if (desiredByAddress.has(resource.address)) continue
    const app = resource.appKey ? desiredByAddress.get(`app.${resource.appKey}`) : undefined
    if (!app || app.absent) continue
    changes.push(
      withSource(
        {
          kind: resource.kind,
          address: resource.address,
          name: resource.name,
          appKey: resource.appKey,
          action: 'delete',
          before: resource.attributes,
          changedPaths: [],
          blockedBy: [],
        },
        () => sourceOf(options, app),
      ) as DraftChange,
    )
  }
  return changes
}

/** App updates that take the premium feature set away must wait for the settings that stop using it. */
function losingPremium(changes: readonly DraftChange[]): Set<string> {
  const schema = configSchema()
  return new Set(
    changes
      .filter((c) => c.kind === 'app' && c.action === 'update' && c.changedPaths.includes('edition') && c.before?.edition !== undefined)
      .filter((c) => editionSpec(schema, c.before?.edition as Edition).premiumFeatures && !editionSpec(schema, c.after?.edition as Edition).premiumFeatures)
      .map((c) => c.address),
  )
}

/** A hash of each address's live attributes (or of its absence), to tell later whether live state moved. */
export function fingerprintLive(addresses: readonly string[], live: ReadonlyMap<string, Resource>): Record<string, string> {
  // Every resource a plan creates has the same one: the hash of nothing.
  const absent = hash(null)
  return Object.fromEntries(
    addresses.map((address) => {
      const attributes = live.get(address)?.attributes
      return [address, attributes === undefined ? absent : hash(attributes)]
    }),
  )
}

function matchesTarget(address: string, targets: readonly string[]): boolean {
  return targets.some((target) => address === target || address.startsWith(`${target}.`))
}

/** A plan, and live state by address as the planner saw it (adopted apps under their configuration key). */
export interface ComputedPlan {
  readonly plan: Plan
  readonly live: ReadonlyMap<string, Resource>
}

/**
 * Diffs desired against live state into an ordered plan, and checks every rule that needs live state.
 * A refused change stays in the plan, marked blocked with the codes that refuse it; nothing is thrown.
 */
export function computePlan(desired: DesiredState, live: LiveState, options: PlanOptions): Plan {
  return planWithLive(desired, live, options).plan
}

/** computePlan, also handing back live state as the planner saw it, so a later check compares like with like. */
export function planWithLive(desired: DesiredState, live: LiveState, options: PlanOptions): ComputedPlan {
  const schema = configSchema()
  const diagnostics: Diagnostic[] = []
  const {resources: liveResources, adopted, whenOmitted} = adoptLive(desired, live)
  const desiredByAddress = new Map<string, DesiredResource>()
  for (let index = 0; index < desired.resources.length; index++) {
    const resource = desired.resources[index] as DesiredResource
    desiredByAddress.set(resource.address, resource)
  }
  let changes = draftChanges(desired, desiredByAddress, liveResources, adopted, whenOmitted, options, diagnostics)

  const findings: Finding[] = LIVE_RULES.flatMap((rule) => [
    ...rule({schema, desired: desiredByAddress, live: liveResources, changes, now: options.now, ...(live.principals ? {principals: live.principals} : {})}),
  ])
  const blocked = new Map<string, string[]>()
  for (const finding of findings) {
    const resource = finding.address === undefined ? undefined : desiredByAddress.get(finding.address)
    diagnostics.push({
      severity: 'error',
      code: finding.code,
      message: finding.message,
      address: finding.address,
      ...(resource ? {path: finding.attribute ? `${resource.pointer}/${finding.attribute.split('.').join('/')}` : resource.pointer} : {}),
      source: sourceOf(options, resource, finding.attribute),
    })
    if (finding.blocks) blocked.set(finding.blocks, [...(blocked.get(finding.blocks) ?? []), finding.code])
  }

  // Deletions beyond the threshold of a kind's live resources need --force.
  if (!options.force) {
    for (const kind of new Set(changes.filter((c) => c.action === 'delete').map((c) => c.kind))) {
      const deletes = changes.filter((c) => c.action === 'delete' && c.kind === kind)
      const existing = [...liveResources.values()].filter((r) => r.kind === kind).length
      if (deletes.length >= 2 && deletes.length > existing * DELETE_THRESHOLD) {
        for (const change of deletes) blocked.set(change.address, [...(blocked.get(change.address) ?? []), 'plan/unsafe'])
        diagnostics.push({
          severity: 'error',
          code: 'plan/unsafe',
          message: `the plan deletes ${deletes.length} of ${existing} ${kind} resources, more than ${Math.round(DELETE_THRESHOLD * 100)}%; check the plan and pass --force if that is what you want`,
        })
      }
    }
  }
  changes = changes.map((c) => (blocked.has(c.address) ? extended(c, {blockedBy: [...new Set(blocked.get(c.address))]}) : c))

  if (options.targets && options.targets.length > 0) {
    const targets = options.targets
    const known = [...desiredByAddress.keys(), ...liveResources.keys()]
    for (const target of targets) {
      if (!known.some((address) => matchesTarget(address, [target]))) {
        diagnostics.push({
          severity: 'error',
          code: 'plan/target-not-found',
          message: `--target ${target} matches no resource in the configuration or the account`,
        })
      }
    }
    // A targeted resource depends on its app: the app's own change (creation, an edition upgrade) comes along.
    const needed = new Set(changes.filter((c) => matchesTarget(c.address, targets) && c.appKey).map((c) => `app.${c.appKey}`))
    changes = changes.filter((c) => matchesTarget(c.address, targets) || (c.kind === 'app' && c.action !== 'delete' && needed.has(c.address)))
  }

  // Where a value before the change came from the record, and what the operator must do by hand.
  changes = changes.map((change) => {
    const recorded = liveResources.get(change.address)?.recorded
    const steps = options.consoleSteps?.(change)
    const fields = {
      ...(recorded && recorded.length > 0 && change.action !== 'create' ? {recorded} : {}),
      ...(steps && steps.length > 0 ? {manual: steps} : {}),
    }
    return Object.keys(fields).length > 0 ? extended(change, fields) : change
  })
  const ordered = orderChanges(changes, losingPremium(changes))
  const liveFingerprints = fingerprintLive(
    ordered.map((c) => c.address),
    liveResources,
  )
  const count = (action: string) => ordered.filter((c) => c.action === action && c.blockedBy.length === 0).length
  const plan: Plan = {
    formatVersion: 1,
    provider: options.provider,
    changes: ordered,
    diagnostics: sortDiagnostics(diagnostics),
    summary: {
      create: count('create'),
      update: count('update'),
      delete: count('delete'),
      blocked: ordered.filter((c) => c.blockedBy.length > 0).length,
      ...consoleCounts(ordered),
    },
    liveFingerprints,
    fingerprint: planFingerprint(ordered),
  }
  return {plan, live: liveResources}
}

/** Who makes the changes, when an operator makes any: console steps, changes by API, and those that wait for the steps. */
function consoleCounts(changes: readonly PlannedChange[]): Pick<PlanSummary, 'manual' | 'byApi' | 'waitingOnConsole'> {
  const queue = consoleQueue(changes)
  if (queue.steps.length === 0) return {}
  return {manual: queue.steps.length, byApi: queue.byApi.length + queue.waiting.length, waitingOnConsole: queue.waiting.length}
}
