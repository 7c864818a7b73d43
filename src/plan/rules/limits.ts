import type {Edition} from '../../config/generated/config.js'
import {editionSpec, maxAdmins} from '../../model/editions.js'
import {FIELD_KINDS, sectionOf} from '../../model/kinds/index.js'
import type {Resource} from '../../model/resource.js'
import type {PlanFinding, PlanRule, PlanRuleContext} from './rule.js'

/** Resources of each app after the plan: live ones it keeps, plus desired ones it creates. */
function resourcesAfterPlan(context: PlanRuleContext): Map<string, Map<string, Resource>> {
  const byApp = new Map<string, Map<string, Resource>>()
  const of = (appKey: string): Map<string, Resource> => {
    const found = byApp.get(appKey)
    if (found) return found
    const created = new Map<string, Resource>()
    byApp.set(appKey, created)
    return created
  }
  for (const r of context.live.values()) if (r.appKey) of(r.appKey).set(r.address, r)
  for (const r of context.desired.values()) {
    if (!r.appKey) continue
    if (r.absent) of(r.appKey).delete(r.address)
    else of(r.appKey).set(r.address, r)
  }
  return byApp
}

/**
 * Limits counted over live and desired together: accounts and admins, groups and audio-video groups
 * (the edition's quotas), and custom fields (which live resources keep counting, as they never go away).
 */
export const liveLimits: PlanRule = function* (context) {
  const byApp = resourcesAfterPlan(context)
  for (const app of context.desired.values()) {
    if (app.kind !== 'app' || app.absent || !app.appKey) continue
    const appKey = app.appKey
    const resources = [...(byApp.get(appKey)?.values() ?? [])]
    const after = (keep: (r: Resource) => boolean) => resources.filter(keep)
    const edition = String(app.attributes.edition) as Edition
    const limits = editionSpec(context.schema, edition).limits
    const check = function* (count: number, limit: number | undefined, what: string, attribute: string): Generator<PlanFinding> {
      if (limit !== undefined && count > limit) {
        yield {
          code: 'plan/limit-exceeded',
          message: `app ${appKey} would have ${count} ${what}, counting those that exist already; the limit is ${limit}`,
          address: app.address,
          attribute,
        }
      }
    }
    const accounts = after((r) => r.kind === 'account')
    yield* check(accounts.length, limits.accounts, 'accounts', 'accounts')
    yield* check(accounts.filter((r) => r.attributes.type === 'admin').length, maxAdmins(context.schema), 'admin accounts', 'accounts')
    const groups = after((r) => r.kind === 'group')
    yield* check(groups.filter((r) => r.attributes.type === 'AVChatRoom').length, limits.avGroups, 'audio-video groups', 'groups')
    yield* check(groups.filter((r) => r.attributes.type !== 'AVChatRoom').length, limits.groups, 'groups', 'groups')
    for (const kind of FIELD_KINDS) {
      const section = sectionOf(kind)
      const max = (context.schema.$defs[section] as {maxProperties?: number}).maxProperties
      yield* check(after((r) => r.kind === kind).length, max, `${context.schema.$defs[section]['x-chatcfg-limit'] ?? section}`, section)
    }
  }
}
