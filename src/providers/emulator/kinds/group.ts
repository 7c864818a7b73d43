import {effective} from '../../../config/schema.js'
import {editionSpec, memberCap} from '../../../model/editions.js'
import {type Attributes, childAddress, type Json, type Resource} from '../../../model/resource.js'
import {
  type AppChildHandler,
  type AppRow,
  canonicalJson,
  type KindContext,
  parseJson,
  type RecordList,
  recordListSql,
  recordsByApp,
  refuse,
} from '../context.js'

/** The group types and the group name's byte limit, as the schema records them. */
function groupRules(context: KindContext): {types: readonly unknown[]; nameBytes: number} {
  const group = effective(context.schema, context.schema.$defs.group)
  return {
    types: effective(context.schema, context.schema.$defs.groupType).enum ?? [],
    nameBytes: effective(context.schema, group.properties?.name ?? {})['x-chatcfg-max-bytes'] ?? Number.POSITIVE_INFINITY,
  }
}

interface GroupRow {
  group_id: string
  type: string
  owner: string | null
  value: string
}

function count(context: KindContext, sql: string, ...params: unknown[]): number {
  return (context.sql(sql).get(...params) as {n: number}).n
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : []
}

function checkRegistered(context: KindContext, app: AppRow, userIds: readonly string[]): void {
  for (const userId of userIds) {
    if (!context.sql('SELECT 1 FROM accounts WHERE sdk_app_id = ? AND user_id = ?').get(app.sdkAppId, userId)) {
      refuse(70107, `UserID ${userId} is not a registered account`)
    }
  }
}

function checkFields(context: KindContext, app: AppRow, type: string, fields: unknown): void {
  if (!fields || typeof fields !== 'object') return
  for (const name of Object.keys(fields)) {
    const row = context.sql("SELECT value FROM custom_fields WHERE sdk_app_id = ? AND kind = 'group-field' AND name = ?").get(app.sdkAppId, name) as
      | {value: string}
      | undefined
    const types = row ? Object.keys((parseJson<Attributes>(row.value).groupTypes as object) ?? {}) : []
    if (!types.includes(type)) refuse(10004, `custom group field ${name} is not defined for ${type} groups`)
  }
}

/** Checks a group's shape and the edition's quotas; `groupId` is excluded from the counts it is already part of. */
function checkGroup(context: KindContext, app: AppRow, groupId: string, type: string, after: Attributes): void {
  const name = typeof after.name === 'string' ? after.name : ''
  const {nameBytes} = groupRules(context)
  if (name === '' || Buffer.byteLength(name, 'utf8') > nameBytes) refuse(10004, `group name must be 1 to ${nameBytes} bytes`)
  const members = stringList(after.members)
  const owner = typeof after.owner === 'string' ? after.owner : undefined
  if (type === 'AVChatRoom' && members.length > 0) refuse(10007, 'audio-video groups do not take a member list')
  checkRegistered(context, app, [...(owner ? [owner] : []), ...members])
  checkFields(context, app, type, after.fields)
  const limits = editionSpec(context.schema, app.edition).limits
  const everyone = [...new Set([...(owner ? [owner] : []), ...members])]
  const cap = memberCap(context.schema, app.edition, type)
  if (cap !== undefined && everyone.length > cap) refuse(10038, `${type} groups on the ${app.edition} edition hold at most ${cap} members`)
  if (limits.groupsPerUser !== undefined) {
    for (const userId of everyone) {
      const joined = count(
        context,
        // UNION ALL lets each side use its own index; DISTINCT still counts a group once.
        'SELECT count(DISTINCT group_id) AS n FROM (SELECT group_id FROM group_members WHERE sdk_app_id = @app AND user_id = @user UNION ALL SELECT group_id FROM chat_groups WHERE sdk_app_id = @app AND owner = @user) WHERE group_id <> @group',
        {app: app.sdkAppId, user: userId, group: groupId},
      )
      if (joined + 1 > limits.groupsPerUser) refuse(10037, `${userId} would be in more than ${limits.groupsPerUser} groups`)
    }
  }
}

function writeMembers(context: KindContext, app: AppRow, groupId: string, members: readonly string[]): void {
  context.sql('DELETE FROM group_members WHERE sdk_app_id = ? AND group_id = ?').run(app.sdkAppId, groupId)
  const insert = context.sql('INSERT INTO group_members (sdk_app_id, group_id, user_id) VALUES (?, ?, ?)')
  for (const member of members) insert.run(app.sdkAppId, groupId, member)
}

/** A change's mark that the service chose the group's ID (create_group without a GroupId), rather than the caller. */
export const SERVICE_CHOSEN_ID = 'groupIdChosenByService'

function create(context: KindContext, app: AppRow, groupId: string, after: Attributes, serviceChosen: boolean): void {
  const type = String(after.type ?? '')
  if (!groupRules(context).types.includes(type)) refuse(10004, `group type "${type}" is not valid`)
  if (context.sql('SELECT 1 FROM chat_groups WHERE sdk_app_id = ? AND group_id = ?').get(app.sdkAppId, groupId))
    refuse(10021, `group ID ${groupId} is already in use`)
  if (type === 'Community' && !groupId.startsWith('@TGS#_')) refuse(10004, 'community group IDs must start with @TGS#_')
  // @TGS# starts the IDs the service chooses: a caller may not choose one.
  if (type !== 'Community' && groupId.startsWith('@TGS#') && !serviceChosen) refuse(10004, 'group IDs starting with @TGS# are reserved')
  if (type === 'Community') {
    const settings = context.sql("SELECT value FROM app_settings WHERE sdk_app_id = ? AND section = 'group-settings'").get(app.sdkAppId) as
      | {value: string}
      | undefined
    if (!settings || parseJson<Attributes>(settings.value).community !== true) refuse(10007, 'community groups are not enabled for this app')
  }
  const limits = editionSpec(context.schema, app.edition).limits
  const quota = type === 'AVChatRoom' ? limits.avGroups : limits.groups
  const existing = count(
    context,
    `SELECT count(*) AS n FROM chat_groups WHERE sdk_app_id = ? AND type ${type === 'AVChatRoom' ? '=' : '<>'} 'AVChatRoom'`,
    app.sdkAppId,
  )
  if (quota !== undefined && existing >= quota) refuse(10058, `the ${app.edition} edition allows ${quota} ${type === 'AVChatRoom' ? 'audio-video ' : ''}groups`)
  checkGroup(context, app, groupId, type, after)
  const {members, owner, type: _type, ...rest} = after
  context
    .sql('INSERT INTO chat_groups (sdk_app_id, group_id, type, owner, value, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(app.sdkAppId, groupId, type, typeof owner === 'string' ? owner : null, canonicalJson(rest), context.now())
  writeMembers(context, app, groupId, stringList(members))
}

function update(context: KindContext, app: AppRow, groupId: string, after: Attributes): void {
  const row = context.sql('SELECT group_id, type, owner, value FROM chat_groups WHERE sdk_app_id = ? AND group_id = ?').get(app.sdkAppId, groupId) as
    | GroupRow
    | undefined
  if (!row) refuse(10010, `group ${groupId} does not exist`)
  if (after.type !== undefined && after.type !== row.type) refuse('Console.GroupTypeImmutable', `the type of group ${groupId} cannot change`)
  checkGroup(context, app, groupId, row.type, after)
  const {members, owner, type: _type, ...rest} = after
  context
    .sql('UPDATE chat_groups SET owner = ?, value = ? WHERE sdk_app_id = ? AND group_id = ?')
    .run(typeof owner === 'string' ? owner : null, canonicalJson(rest), app.sdkAppId, groupId)
  writeMembers(context, app, groupId, stringList(members))
}

/** A group's members as a JSON list, in order: a subquery of each group's row. */
const MEMBERS = `(SELECT json_group_array(user_id ORDER BY user_id) FROM group_members m WHERE m.sdk_app_id = chat_groups.sdk_app_id AND m.group_id = chat_groups.group_id)`
const GROUP_FIELDS = ['json_quote(group_id)', 'json_quote(type)', 'json_quote(owner)', 'value', MEMBERS]

/** An app's groups from its records (ID, type, owner, stored value, members, …). */
function groupResources(app: AppRow, record: readonly Json[]): Resource[] {
  const resources: Resource[] = []
  for (let at = 0; at < record.length; at += GROUP_FIELDS.length) {
    const groupId = record[at] as string
    const owner = record[at + 2]
    resources.push({
      kind: 'group',
      address: childAddress(app.appKey, 'group', groupId),
      appKey: app.appKey,
      name: groupId,
      attributes: {type: record[at + 1] as string, ...(owner ? {owner} : {}), ...(record[at + 3] as Attributes), members: record[at + 4] as string[]},
    })
  }
  return resources
}

/** Groups: registered owner and members, group IDs by type, the edition's group and member quotas. */
export const groupHandler: AppChildHandler = {
  readApps(context, apps) {
    const rows = context.sql(recordListSql('chat_groups', GROUP_FIELDS, 'group_id')).all() as RecordList[]
    return recordsByApp(apps, rows).map((record, index) => groupResources(apps[index] as AppRow, record))
  },
  readOne(context, app, groupId) {
    const rows = context
      .sql(recordListSql('chat_groups', GROUP_FIELDS, 'group_id', 'WHERE sdk_app_id = ? AND group_id = ?'))
      .all(app.sdkAppId, groupId) as RecordList[]
    return groupResources(app, recordsByApp([app], rows)[0] ?? [])[0]
  },
  apply(context, app, change) {
    switch (change.action) {
      case 'create':
        return create(context, app, change.name, change.after ?? {}, change.computed?.[SERVICE_CHOSEN_ID] === true)
      case 'update':
        return update(context, app, change.name, change.after ?? {})
      case 'delete':
        if (context.sql('DELETE FROM chat_groups WHERE sdk_app_id = ? AND group_id = ?').run(app.sdkAppId, change.name).changes === 0) {
          refuse(10010, `group ${change.name} does not exist`)
        }
    }
  },
}
