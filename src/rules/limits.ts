import type {App} from '../config/generated/config.js'
import type {EditionLimit} from '../config/schema.js'
import {editionOf, editionSpec, maxAdmins, memberCap} from '../model/editions.js'
import type {Finding, Rule} from './rule.js'

const present = <T extends {ensure?: string}>(entries: Record<string, T> | undefined): Array<[string, T]> =>
  Object.entries(entries ?? {}).filter(([, item]) => item.ensure !== 'absent')

function* overLimit(appKey: string, keys: readonly string[], limit: number | undefined, where: string, what: string, edition: string): Generator<Finding> {
  if (limit === undefined || keys.length <= limit) return
  yield {
    code: 'config/edition-limit',
    message: `${keys.length} ${what}; the ${edition} edition allows at most ${limit}`,
    path: ['apps', appKey, where, keys[limit]],
    at: 'key',
  }
}

function* appLimits(context: Parameters<Rule>[0], appKey: string, app: App): Generator<Finding> {
  const edition = editionOf(context.schema, app)
  if (!edition) return
  const spec = editionSpec(context.schema, edition)
  const limit = (name: EditionLimit) => spec.limits[name]
  const accounts = present(app.accounts)
  const admins = accounts.filter(([, account]) => account.type === 'admin')
  const maxAdminAccounts = maxAdmins(context.schema)
  if (admins.length > maxAdminAccounts) {
    yield {
      code: 'config/limit-exceeded',
      message: `${admins.length} admin accounts; an app has at most ${maxAdminAccounts}`,
      path: ['apps', appKey, 'accounts', admins[maxAdminAccounts][0]],
      at: 'key',
    }
  }
  yield* overLimit(
    appKey,
    accounts.map(([id]) => id),
    limit('accounts'),
    'accounts',
    'accounts',
    edition,
  )
  const groups = present(app.groups)
  const avGroups = groups.filter(([, group]) => group.type === 'AVChatRoom').map(([id]) => id)
  const otherGroups = groups.filter(([, group]) => group.type !== 'AVChatRoom').map(([id]) => id)
  yield* overLimit(appKey, avGroups, limit('avGroups'), 'groups', 'audio-video groups', edition)
  yield* overLimit(appKey, otherGroups, limit('groups'), 'groups', 'groups (other than audio-video)', edition)

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
  const perUser = limit('groupsPerUser')
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
