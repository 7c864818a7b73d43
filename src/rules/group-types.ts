import {effective} from '../config/schema.js'
import {type Finding, type Rule, type RuleContext, shown} from './rule.js'

/** Read receipts serve groups up to a size (the guide: 200 members); larger groups of the type get none. */
function readReceiptsMaxMembers(context: RuleContext): number | undefined {
  return effective(context.schema, context.schema.$defs.groupSettings).properties?.readReceipts?.['x-chatcfg-max-members']
}

const COMMUNITY_PREFIX = '@TGS#_'
const RESERVED_PREFIX = '@TGS#'

/**
 * Group-type restrictions: settings the schema marks as unsupported for a group type, values limited
 * to some group types, group IDs by type, and features a group type needs or refuses.
 */
export const groupTypes: Rule = function* (context) {
  for (const {path, value, schema} of context.visitsWith('x-chatcfg-group-types', 'x-chatcfg-unsupported-group-types')) {
    const allowed = schema['x-chatcfg-group-types']
    if (allowed && typeof value === 'string' && !allowed.includes(value)) {
      yield {
        code: 'config/group-type-unsupported',
        message: `${shown(context, path, value)} groups do not support ${String(path[path.length - 2])}; only ${allowed.join(', ')}`,
        path,
        at: 'value',
      }
    }
    const unsupported = schema['x-chatcfg-unsupported-group-types']
    const groupType = unsupported && path.find((segment): segment is string => typeof segment === 'string' && unsupported.includes(segment))
    if (groupType) {
      yield {code: 'config/group-type-unsupported', message: `${groupType} groups do not support ${String(path[path.length - 1])}`, path, at: 'key'}
    }
  }

  for (const [appKey, app] of context.apps) {
    for (const [groupId, group] of Object.entries(app.groups ?? {})) {
      const at = ['apps', appKey, 'groups', groupId]
      if (group.type === 'Community' && !groupId.startsWith(COMMUNITY_PREFIX)) {
        yield {code: 'config/group-id', message: `community group IDs must start with ${COMMUNITY_PREFIX}`, path: at, at: 'key'}
      }
      if (group.type !== 'Community' && groupId.startsWith(RESERVED_PREFIX)) {
        yield {
          code: 'config/group-id',
          message: `group IDs starting with ${RESERVED_PREFIX} are reserved (${COMMUNITY_PREFIX} for community groups)`,
          path: at,
          at: 'key',
        }
      }
      if (group.ensure === 'absent') continue
      if (group.type === 'Community' && app.groupSettings?.community !== true) {
        yield {
          code: 'config/group-type-unsupported',
          message: 'community groups need groupSettings.community: true in this app',
          path: [...at, 'type'],
          at: 'value',
        } satisfies Finding
      }
      if (group.type === 'AVChatRoom' && group.members && group.members.length > 0) {
        yield {
          code: 'config/group-type-unsupported',
          message: 'audio-video groups take no member list; members join from the client',
          path: [...at, 'members'],
          at: 'key',
        }
      }
      const receiptsUpTo = readReceiptsMaxMembers(context)
      const members = new Set([...(group.owner ? [group.owner] : []), ...(group.members ?? [])])
      if (app.groupSettings?.readReceipts?.includes(group.type) && receiptsUpTo !== undefined && members.size > receiptsUpTo) {
        yield {
          code: 'config/read-receipts-group-size',
          message: `read receipts are on for ${group.type} groups but serve groups of at most ${receiptsUpTo} members; this one has ${members.size}`,
          path: [...at, 'members'],
          at: 'key',
          severity: 'warning',
        }
      }
      if (group.type === 'Community' && group.applyJoin !== undefined) {
        yield {code: 'config/group-type-unsupported', message: 'community groups have no join option; anyone can join', path: [...at, 'applyJoin'], at: 'key'}
      }
    }
  }
}
