import type {Diagnostic} from '../diagnostics/diagnostic.js'
import {valueAt} from '../model/attributes.js'
import type {Json} from '../model/resource.js'
import {isSecretMark} from '../model/secret.js'
import type {Plan, PlannedChange} from '../plan/plan.js'

/**
 * What a reviewer needs at a glance, computed from the plan value alone: identical changes and problems
 * across apps as one group each, and what the plan deletes or takes away. Pure; the renderers only print it.
 */

/** One change, or the same change in several apps (addresses with `app.*` in place of the app key). */
export interface ChangeGroup {
  /** The first change of the group; its address is the group's when `apps` has one entry. */
  readonly change: PlannedChange
  /** `app.*.…` when the group spans apps, else the change's own address. */
  readonly address: string
  /** App keys in plan order; empty for resources outside apps (policies). */
  readonly apps: readonly string[]
}

export interface DiagnosticGroup {
  readonly diagnostic: Diagnostic
  /** The message with `*` in place of the app key when the group spans apps. */
  readonly message: string
  readonly apps: readonly string[]
  /** Every place the problem was found, in order. */
  readonly sources: readonly NonNullable<Diagnostic['source']>[]
  /** The diagnostics the group stands for. */
  readonly members: readonly Diagnostic[]
}

const APP_WILDCARD = '*'

/** The app key an address belongs to (`app.support.webhook` → `support`). */
function appOfAddress(address: string | undefined): string | undefined {
  if (!address?.startsWith('app.')) return undefined
  return address.split('.')[1]
}

/** The address with the app key replaced by `*`, so that the same resource in two apps compares equal. */
function wildcardAddress(address: string, app: string): string {
  return `app.${APP_WILDCARD}${address.slice(`app.${app}`.length)}`
}

/** Values that make two changes the same change: what a reviewer is shown, with the app key left out. */
function changeShape(change: PlannedChange, app: string): string {
  const at = (attributes: PlannedChange['before'], paths: readonly string[]) => paths.map((path) => valueAt(attributes, path) ?? null)
  const values: Json =
    change.action === 'update'
      ? {before: at(change.before, change.changedPaths), after: at(change.after, change.changedPaths)}
      : change.action === 'create'
        ? (change.after ?? null)
        : (change.before ?? null)
  return JSON.stringify([
    wildcardAddress(change.address, app),
    change.kind,
    change.action,
    change.changedPaths,
    change.blockedBy,
    change.liveName ?? null,
    change.manual ?? null,
    change.recorded ?? null,
    values,
  ])
}

/** Changes with identical effects in several apps become one group, in the order of their first change. */
export function groupChanges(changes: readonly PlannedChange[]): ChangeGroup[] {
  const groups = new Map<string, {change: PlannedChange; address: string; apps: string[]}>()
  for (const [index, change] of changes.entries()) {
    const app = change.appKey ?? appOfAddress(change.address)
    const key = app === undefined ? `#${index}` : changeShape(change, app)
    const group = groups.get(key)
    if (group && app !== undefined) {
      group.apps.push(app)
      group.address = wildcardAddress(change.address, app)
    } else groups.set(key, {change, address: change.address, apps: app === undefined ? [] : [app]})
  }
  return [...groups.values()]
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The message with the app key in its usual spellings (`app.key…`, `app key`, `/apps/key/`) replaced by `*`. */
function wildcardMessage(message: string, app: string): string {
  const key = escapeRegExp(app)
  return message.replace(new RegExp(`(app\\.|\\bapp |/apps/)${key}(?![a-z0-9-])`, 'g'), `$1${APP_WILDCARD}`)
}

/** The app a diagnostic is about: from its resource address, or from its pointer into the configuration. */
function appOfDiagnostic(diagnostic: Diagnostic): string | undefined {
  const fromAddress = appOfAddress(diagnostic.address)
  if (fromAddress !== undefined) return fromAddress
  const match = /^\/apps\/([^/]+)/.exec(diagnostic.path ?? '')
  return match?.[1]
}

/** Diagnostics that say the same thing about different apps become one group, in order of first appearance. */
export function groupDiagnostics(diagnostics: readonly Diagnostic[]): DiagnosticGroup[] {
  const groups = new Map<
    string,
    {diagnostic: Diagnostic; message: string; apps: string[]; sources: NonNullable<Diagnostic['source']>[]; members: Diagnostic[]}
  >()
  for (const diagnostic of diagnostics) {
    const app = appOfDiagnostic(diagnostic)
    const message = app === undefined ? diagnostic.message : wildcardMessage(diagnostic.message, app)
    // A message that never names its app cannot be told apart from another app's: keep it on its own.
    const groupable = app !== undefined && message !== diagnostic.message
    const key = groupable ? `${diagnostic.severity}\0${diagnostic.code}\0${message}` : `#${groups.size}`
    const group = groups.get(key)
    if (group && app !== undefined) {
      if (!group.apps.includes(app)) group.apps.push(app)
      if (diagnostic.source) group.sources.push(diagnostic.source)
      group.members.push(diagnostic)
    } else {
      groups.set(key, {
        diagnostic,
        message,
        apps: app === undefined ? [] : [app],
        sources: diagnostic.source ? [diagnostic.source] : [],
        members: [diagnostic],
      })
    }
  }
  // A group of one app reads as the original message.
  return [...groups.values()].map((group) => (group.apps.length > 1 ? group : {...group, message: group.diagnostic.message}))
}

/**
 * App keys as a short list: runs of numbered keys (`app-0`, `app-1`, … `app-299`) collapse to
 * `app-0 … app-299`; past `limit` characters the rest is counted, not listed.
 */
export function compactKeys(unsorted: readonly string[], limit = 600): string {
  const keys = [...unsorted].sort(naturally)
  const parts: string[] = []
  let index = 0
  while (index < keys.length) {
    const first = /^(.*?)(\d+)$/.exec(keys[index] ?? '')
    let end = index
    if (first) {
      const [, prefix, digits] = first
      while (end + 1 < keys.length && keys[end + 1] === `${prefix}${Number(digits) + (end + 1 - index)}`) end++
    }
    parts.push(end - index >= 2 ? `${keys[index]} … ${keys[end]}` : keys.slice(index, end + 1).join(', '))
    index = end + 1
  }
  let text = ''
  for (const [i, part] of parts.entries()) {
    const next = text === '' ? part : `${text}, ${part}`
    if (next.length > limit) {
      const listed = text === '' ? 0 : keysIn(parts.slice(0, i))
      return `${text}${text === '' ? '' : ', '}and ${keys.length - listed} more`
    }
    text = next
  }
  return text
}

/** `app-2` before `app-10`: keys that end in a number sort by their prefix, then by that number. */
function naturally(a: string, b: string): number {
  const x = /^(.*?)(\d+)$/.exec(a)
  const y = /^(.*?)(\d+)$/.exec(b)
  if (x && y && x[1] === y[1]) return Number(x[2]) - Number(y[2])
  return a < b ? -1 : a > b ? 1 : 0
}

/** How many keys a list of compacted parts stands for. */
function keysIn(parts: readonly string[]): number {
  return parts.reduce((count, part) => {
    const run = /^(.*?)(\d+) … \1(\d+)$/.exec(part)
    return count + (run ? Number(run[3]) - Number(run[2]) + 1 : part.split(', ').length)
  }, 0)
}

/** What a plan takes away for good: the banner at the top of a pull-request comment lists these. */
export interface Losses {
  /** Resources deleted (blocked ones included: the reviewer should see what was asked for). */
  readonly deleted: readonly PlannedChange[]
  /** Updates that remove values (list items, map entries, a value unset) or replace a secret, with the paths that lose something. */
  readonly removed: readonly {readonly change: PlannedChange; readonly paths: readonly string[]}[]
  /** Live apps taken over under another key (the live name is replaced by the configured one). */
  readonly replaced: readonly PlannedChange[]
}

function losesSomething(before: Json | undefined, after: Json | undefined): boolean {
  if (before === undefined || before === null) return false
  if (after === undefined || after === null) return true
  if (isSecretMark(before) || isSecretMark(after)) return isSecretMark(before) && JSON.stringify(before) !== JSON.stringify(after)
  if (Array.isArray(before)) {
    const kept = new Set((Array.isArray(after) ? after : []).map((item) => JSON.stringify(item)))
    return before.some((item) => !kept.has(JSON.stringify(item)))
  }
  if (typeof before === 'object') {
    const afterMap = typeof after === 'object' && !Array.isArray(after) ? after : {}
    return Object.keys(before).some((key) => !Object.hasOwn(afterMap, key))
  }
  return false
}

export function lossesOf(plan: Plan): Losses {
  const deleted = plan.changes.filter((c) => c.action === 'delete')
  const updates = plan.changes.filter((c) => c.action === 'update')
  const removed = updates
    .map((change) => ({change, paths: change.changedPaths.filter((path) => losesSomething(valueAt(change.before, path), valueAt(change.after, path)))}))
    .filter((entry) => entry.paths.length > 0)
  const replaced = updates.filter((c) => c.liveName !== undefined && c.changedPaths.includes('(adopted)'))
  return {deleted, removed, replaced}
}
