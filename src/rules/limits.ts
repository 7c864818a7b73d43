import type {App, Edition} from '../config/generated/config.js'
import type {RootSchema} from '../config/schema.js'
import type {DesiredResource} from '../model/desired.js'
import {editionOf, editionSpec, maxAdmins, memberCap} from '../model/editions.js'
import {FIELD_KINDS, type FieldKind, isFieldKind, sectionOf} from '../model/kinds/index.js'
import type {Resource} from '../model/resource.js'
import type {Finding, LiveRule, LiveRuleContext, Rule} from './rule.js'

/** An account or a group as the per-app quotas count it, wherever it was counted (the configuration, or live state after the plan). */
interface Counted {
  readonly kind: 'account' | 'group'
  readonly key: string
  readonly type: unknown
}

/** A per-app quota: what it counts and its limit. Edition quotas say so; the admin cap holds on every edition. */
interface Quota {
  readonly what: string
  /** The section of the app where the counted things are declared. */
  readonly section: 'accounts' | 'groups'
  /** Whether it counts an account or a group of this type. */
  readonly counts: (kind: Counted['kind'], type: unknown) => boolean
  readonly limit: (schema: RootSchema, edition: Edition) => number | undefined
  readonly perEdition: boolean
}

/** The quotas both the offline and the live-state checks count: written once, so the two never disagree. */
const APP_QUOTAS: readonly Quota[] = [
  {what: 'accounts', section: 'accounts', counts: (kind) => kind === 'account', limit: (s, e) => editionSpec(s, e).limits.accounts, perEdition: true},
  {what: 'admin accounts', section: 'accounts', counts: (kind, type) => kind === 'account' && type === 'admin', limit: (s) => maxAdmins(s), perEdition: false},
  {
    what: 'audio-video groups',
    section: 'groups',
    counts: (kind, type) => kind === 'group' && type === 'AVChatRoom',
    limit: (s, e) => editionSpec(s, e).limits.avGroups,
    perEdition: true,
  },
  {
    what: 'groups (other than audio-video)',
    section: 'groups',
    counts: (kind, type) => kind === 'group' && type !== 'AVChatRoom',
    limit: (s, e) => editionSpec(s, e).limits.groups,
    perEdition: true,
  },
]

/** Each quota the items go over, with the keys it counted in order and its limit. */
function overQuota(schema: RootSchema, edition: Edition, items: readonly Counted[]): Array<{quota: Quota; keys: string[]; limit: number}> {
  return APP_QUOTAS.flatMap((quota) => {
    const keys = items.filter((item) => quota.counts(item.kind, item.type)).map((item) => item.key)
    const limit = quota.limit(schema, edition)
    return limit !== undefined && keys.length > limit ? [{quota, keys, limit}] : []
  })
}

const present = <T extends {ensure?: string}>(entries: Record<string, T> | undefined): Array<[string, T]> =>
  Object.entries(entries ?? {}).filter(([, item]) => item.ensure !== 'absent')

function* appLimits(context: Parameters<Rule>[0], appKey: string, app: App): Generator<Finding> {
  const edition = editionOf(context.schema, app)
  if (!edition) return
  const spec = editionSpec(context.schema, edition)
  const limit = spec.limits
  const groups = present(app.groups)
  const declared: Counted[] = [
    ...present(app.accounts).map(([key, account]): Counted => ({kind: 'account', key, type: account.type})),
    ...groups.map(([key, group]): Counted => ({kind: 'group', key, type: group.type})),
  ]
  for (const {quota, keys, limit: most} of overQuota(context.schema, edition, declared)) {
    yield {
      code: quota.perEdition ? 'config/edition-limit' : 'config/limit-exceeded',
      message: `${keys.length} ${quota.what}; ${quota.perEdition ? `the ${edition} edition allows` : 'an app has'} at most ${most}`,
      path: ['apps', appKey, quota.section, keys[most]],
      at: 'key',
    }
  }

  const joined = new Map<string, string[]>()
  for (const [groupId, group] of groups) {
    const members = [...new Set([...(group.owner ? [group.owner] : []), ...(group.members ?? [])])]
    for (const member of members) joined.set(member, [...(joined.get(member) ?? []), groupId])
    const perGroup = memberCap(context.schema, edition, group.type)
    if (perGroup !== undefined && members.length > perGroup) {
      yield {
        code: 'config/edition-limit',
        message: `${members.length} members including the owner; ${group.type === 'Community' ? 'a community' : `the ${edition} edition`} allows at most ${perGroup} per group`,
        path: ['apps', appKey, 'groups', groupId, 'members'],
        at: 'key',
      }
    }
  }
  const perUser = limit.groupsPerUser
  for (const [userId, groupIds] of joined) {
    if (perUser === undefined || groupIds.length <= perUser) continue
    yield {
      code: 'config/edition-limit',
      message: `account ${userId} is in ${groupIds.length} groups; the ${edition} edition allows at most ${perUser} per user`,
      path: ['apps', appKey, 'groups', groupIds[perUser]],
      at: 'key',
    }
  }
  const maxHistory = spec.historyDays.max
  const historyDays = app.messages?.historyDays
  if (maxHistory !== undefined && historyDays !== undefined && historyDays > maxHistory) {
    yield {
      code: 'config/edition-limit',
      message: `the ${edition} edition keeps message history for ${maxHistory} days and cannot extend it`,
      path: ['apps', appKey, 'messages', 'historyDays'],
      at: 'value',
    }
  }
}

/** Counts against the service's limits: admin accounts per app, and the declared edition's quotas. */
export const limits: Rule = function* (context) {
  for (const [appKey, app] of context.apps) yield* appLimits(context, appKey, app)
}

/** What the per-app limits count in an app after the plan: by quota (in APP_QUOTAS' order), and custom fields by kind. */
interface Tally {
  readonly quotas: number[]
  readonly fields: Map<FieldKind, number>
}

/**
 * The tally of each app after the plan: the live resources it keeps, and the desired ones it keeps or
 * creates. Counted as they are met, with no list or map of the resources themselves: there is one per value of a large configuration.
 */
function tallyAfterPlan(context: LiveRuleContext): {byApp: Map<string, Tally>; apps: DesiredResource[]} {
  const byApp = new Map<string, Tally>()
  // The apps the configuration declares, in its order, found in the same pass.
  const apps: DesiredResource[] = []
  const count = (resource: Resource, appKey: string): void => {
    const {kind} = resource
    const counted = kind === 'account' || kind === 'group'
    if (!counted && !isFieldKind(kind)) return
    let tally = byApp.get(appKey)
    if (!tally) {
      tally = {quotas: APP_QUOTAS.map(() => 0), fields: new Map()}
      byApp.set(appKey, tally)
    }
    if (counted) {
      for (let index = 0; index < APP_QUOTAS.length; index++) if ((APP_QUOTAS[index] as Quota).counts(kind, resource.attributes.type)) tally.quotas[index]++
    } else if (isFieldKind(kind)) tally.fields.set(kind, (tally.fields.get(kind) ?? 0) + 1)
  }
  // A live resource the configuration declares is counted as declared (or not at all, when it goes).
  for (const r of context.live.values()) if (r.appKey && !context.desired.has(r.address)) count(r, r.appKey)
  for (const r of context.desired.values()) {
    if (r.kind === 'app') apps.push(r)
    if (r.appKey && !r.absent) count(r, r.appKey)
  }
  return {byApp, apps}
}

/**
 * Limits counted over live and desired together: accounts and admins, groups and audio-video groups
 * (the edition's quotas), and custom fields (which live resources keep counting, as they never go away).
 */
export const liveLimits: LiveRule = function* (context) {
  const {byApp, apps} = tallyAfterPlan(context)
  for (const app of apps) {
    if (app.absent || !app.appKey) continue
    const appKey = app.appKey
    const tally = byApp.get(appKey)
    const exceeded = (count: number, limit: number, what: string, attribute: string): Finding => ({
      code: 'plan/limit-exceeded',
      message: `app ${appKey} would have ${count} ${what}, counting those that exist already; the limit is ${limit}`,
      address: app.address,
      attribute,
    })
    const edition = String(app.attributes.edition) as Edition
    for (let index = 0; index < APP_QUOTAS.length; index++) {
      const quota = APP_QUOTAS[index] as Quota
      const count = tally?.quotas[index] ?? 0
      const limit = quota.limit(context.schema, edition)
      if (limit !== undefined && count > limit) yield exceeded(count, limit, quota.what, quota.section)
    }
    for (const kind of FIELD_KINDS) {
      const section = sectionOf(kind)
      const max = (context.schema.$defs[section] as {maxProperties?: number}).maxProperties
      const count = tally?.fields.get(kind) ?? 0
      if (max !== undefined && count > max) yield exceeded(count, max, `${context.schema.$defs[section]['x-chatcfg-limit'] ?? section}`, section)
    }
  }
}
