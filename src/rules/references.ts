import {closest} from '../config/suggest.js'
import {childAddress} from '../model/resource.js'
import {type LiveRule, type Rule, shown} from './rule.js'

/**
 * References between declared things. Accounts may exist in the app without being declared (users
 * register from the client), so an undeclared owner or member is a warning; one this configuration
 * deletes is an error.
 */
export const references: Rule = function* (context) {
  const appKeys = new Map(context.apps.map(([key, app]) => [key, app]))
  for (const [appKey, app] of context.apps) {
    const accounts = app.accounts ?? {}
    for (const [groupId, group] of Object.entries(app.groups ?? {})) {
      if (group.ensure === 'absent') continue
      // The owner, then each member; a path is made only for one that is reported.
      const members = group.members ?? []
      const people = group.owner ? [group.owner, ...members] : members
      const pathOf = (person: number): Array<string | number> =>
        group.owner && person === 0
          ? ['apps', appKey, 'groups', groupId, 'owner']
          : ['apps', appKey, 'groups', groupId, 'members', group.owner ? person - 1 : person]
      const undeclared: number[] = []
      for (let person = 0; person < people.length; person++) if (!Object.hasOwn(accounts, people[person] as string)) undeclared.push(person)
      if (undeclared.length > 0) {
        // Members are often users who registered from the client: one warning per group, not one per member.
        const names = undeclared.slice(0, 5).map((person) => (context.isSecret(pathOf(person)) ? '(secret value)' : people[person]))
        const more = undeclared.length > names.length ? ` and ${undeclared.length - names.length} more` : ''
        yield {
          code: 'config/undeclared-account',
          message: `${names.join(', ')}${more} ${undeclared.length === 1 ? 'is' : 'are'} not declared in this app's accounts and must already be registered`,
          path: pathOf(undeclared[0] as number),
          at: 'value',
          severity: 'warning',
        }
      }
      for (let person = 0; person < people.length; person++) {
        const userId = people[person] as string
        if (accounts[userId]?.ensure === 'absent') {
          const path = pathOf(person)
          yield {
            code: 'config/unknown-reference',
            message: `account ${shown(context, path, userId)} is deleted by this configuration (ensure: absent)`,
            path,
            at: 'value',
          }
        }
      }
    }
  }
  for (const [policyName, policy] of context.policies) {
    for (const [index, statement] of (policy.statements ?? []).entries()) {
      for (const [appIndex, appKey] of statement.apps.entries()) {
        if (appKey === '*') continue
        const path = ['policies', policyName, 'statements', index, 'apps', appIndex]
        const app = appKeys.get(appKey)
        if (!app) {
          const known = context.config.apps && Object.hasOwn(context.config.apps, appKey)
          // An app that failed the schema is still declared; only a name nobody declared is an unknown reference.
          if (!known) yield {code: 'config/unknown-reference', message: `app ${shown(context, path, appKey)} is not declared under apps`, path, at: 'value'}
        } else if (app.ensure === 'absent') {
          yield {
            code: 'config/unknown-reference',
            message: `app ${shown(context, path, appKey)} is deleted by this configuration (ensure: absent)`,
            path,
            at: 'value',
          }
        }
      }
    }
  }
}

const userIds = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : []

/**
 * A group's owner and new members must be registered accounts, live or created by the same plan: the
 * service refuses anyone else (70107), so the plan does, at the YAML line, with the nearest account.
 */
export const unregisteredAccounts: LiveRule = function* (context) {
  for (const change of context.changes) {
    if (change.kind !== 'group' || change.action === 'delete' || change.appKey === undefined) continue
    const appKey = change.appKey
    const registered = (userId: string) => {
      const address = childAddress(appKey, 'account', userId)
      return context.live.has(address) || (context.desired.has(address) && context.desired.get(address)?.absent !== true)
    }
    const known = () => [...context.live.values(), ...context.desired.values()].filter((r) => r.kind === 'account' && r.appKey === appKey).map((r) => r.name)
    const before = new Set([...userIds(change.before?.owner), ...userIds(change.before?.members)])
    for (const attribute of ['owner', 'members'] as const) {
      const missing = userIds(change.after?.[attribute]).filter((userId) => !before.has(userId) && !registered(userId))
      if (missing.length === 0) continue
      const hints = missing.map((userId) => [userId, closest(userId, known())] as const).filter(([, hint]) => hint !== undefined)
      const hint = hints.length > 0 ? `; did you mean ${hints.map(([userId, near]) => `"${near}" for "${userId}"`).join(', ')}?` : ''
      const names = missing.map((userId) => `"${userId}"`).join(', ')
      yield {
        code: 'plan/unregistered-account',
        message: `${attribute === 'owner' ? 'owner' : missing.length === 1 ? 'member' : 'members'} ${names} of group ${change.name} ${missing.length === 1 ? 'is not a registered account' : 'are not registered accounts'} in app ${appKey}, and the service refuses ${missing.length === 1 ? 'it' : 'them'} (70107): declare ${missing.length === 1 ? 'it' : 'them'} under accounts, or register ${missing.length === 1 ? 'it' : 'them'} first${hint}`,
        address: change.address,
        attribute,
        blocks: change.address,
      }
    }
  }
}
