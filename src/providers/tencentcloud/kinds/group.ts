import {type Attributes, childAddress, type Json, type Resource} from '../../../model/resource.js'
import {
  ADD_MEMBER_BATCH,
  ADD_MEMBER_RESULT,
  ANSWER_TOO_LARGE,
  BATCH,
  type GroupInfo,
  groupBaseInfo,
  groupFromInfo,
  groupTypeToWire,
} from '../../../wire/rest-v4.js'
import {ServiceError} from '../../errors.js'
import {type CloudContext, type CloudKind, chunks} from './context.js'

const strings = (value: Json | undefined): string[] => (Array.isArray(value) ? value.map(String) : [])

/** Every group of an app, listed page by page and read in batches. */
export async function readGroups(context: CloudContext, appKey: string, sdkAppId: number): Promise<Resource[]> {
  const ids: string[] = []
  let next = 0
  const seen = new Set<number>()
  do {
    // A cursor that comes back to where it was would loop for ever: stop and say so.
    if (seen.has(next)) throw new ServiceError('chatcfg.BadCursor', `get_appid_group_list returned cursor ${next} twice`)
    seen.add(next)
    const answer = await context.rest.call<{GroupIdList?: Array<{GroupId: string}>; Next?: number}>(
      sdkAppId,
      'group_open_http_svc/get_appid_group_list',
      {Limit: BATCH.groupList, Next: next},
      true,
    )
    ids.push(...(answer.GroupIdList ?? []).map((g) => g.GroupId))
    next = answer.Next ?? 0
  } while (next !== 0)
  const declaredFields = context.declared.apps.get(appKey)?.groupFields ?? []
  const infos = await Promise.all(chunks(ids, BATCH.groupInfo).map((batch) => groupInfos(context, sdkAppId, batch, declaredFields)))
  return infos.flat().map((info) => ({
    kind: 'group',
    address: childAddress(appKey, 'group', info.GroupId),
    appKey,
    name: info.GroupId,
    attributes: groupFromInfo(info),
  }))
}

/** The base fields chatcfg reads when a group is asked for without its members. */
const BASE_FIELDS = ['Type', 'Name', 'Introduction', 'Notification', 'FaceUrl', 'Owner_Account', 'ApplyJoinOption']

/**
 * get_group_info for a batch. An answer over 1 MB fails with 10018: the batch is halved until it fits, and
 * a group too large on its own is read without members, which then come a page at a time.
 */
async function groupInfos(context: CloudContext, sdkAppId: number, batch: readonly string[], fields: readonly string[]): Promise<GroupInfo[]> {
  try {
    const answer = await context.rest.call<{GroupInfo?: GroupInfo[]}>(sdkAppId, 'group_open_http_svc/get_group_info', {GroupIdList: batch}, true)
    return (answer.GroupInfo ?? []).filter((info) => info.ErrorCode === 0)
  } catch (error) {
    if (!(error instanceof ServiceError) || error.code !== ANSWER_TOO_LARGE) throw error
  }
  if (batch.length > 1) {
    const half = Math.ceil(batch.length / 2)
    return [...(await groupInfos(context, sdkAppId, batch.slice(0, half), fields)), ...(await groupInfos(context, sdkAppId, batch.slice(half), fields))]
  }
  const ResponseFilter = {GroupBaseInfoFilter: BASE_FIELDS, ...(fields.length > 0 ? {AppDefinedDataFilter_Group: fields} : {})}
  const answer = await context.rest.call<{GroupInfo?: GroupInfo[]}>(sdkAppId, 'group_open_http_svc/get_group_info', {GroupIdList: batch, ResponseFilter}, true)
  const infos = (answer.GroupInfo ?? []).filter((info) => info.ErrorCode === 0)
  return Promise.all(infos.map(async (info) => ({...info, MemberList: await memberPages(context, sdkAppId, info)})))
}

/** Every member of a group, 200 a page: Community groups page with the Next cursor, the others with Offset. */
async function memberPages(context: CloudContext, sdkAppId: number, info: GroupInfo): Promise<Array<{Member_Account: string}>> {
  // Audio-video groups list no members.
  if (info.Type === 'AVChatRoom') return []
  const all: Array<{Member_Account: string}> = []
  const community = info.Type === 'Community'
  let next = ''
  for (;;) {
    const position = community ? {Next: next} : {Offset: all.length}
    const answer = await context.rest.call<{MemberList?: Array<{Member_Account: string}>; Next?: string}>(
      sdkAppId,
      'group_open_http_svc/get_group_member_info',
      {GroupId: info.GroupId, Limit: BATCH.memberPage, ...position},
      true,
    )
    const page = answer.MemberList ?? []
    all.push(...page)
    if (community ? !answer.Next || answer.Next === next : page.length < BATCH.memberPage) return all
    next = answer.Next ?? ''
  }
}

/**
 * Adds members in the site's documented batches and reads each member's Result: one who was not added
 * (0 failed, 3 awaiting approval) fails the change, naming them; an existing member (2) is what was asked.
 */
async function addMembers(context: CloudContext, sdkAppId: number, GroupId: string, accounts: readonly string[]): Promise<void> {
  const refused: string[] = []
  for (const batch of chunks(accounts, ADD_MEMBER_BATCH[context.site])) {
    const answer = await context.rest.call<{MemberList?: Array<{Member_Account: string; Result: number}>}>(sdkAppId, 'group_open_http_svc/add_group_member', {
      GroupId,
      MemberList: batch.map((Member_Account) => ({Member_Account})),
      Silence: 1,
    })
    const results = new Map((answer.MemberList ?? []).map((m) => [m.Member_Account, m.Result]))
    for (const id of batch) {
      const result = results.get(id)
      if (result !== ADD_MEMBER_RESULT.added && result !== ADD_MEMBER_RESULT.alreadyMember)
        refused.push(`${id} (${result === undefined ? 'no result' : `Result ${result}`})`)
    }
  }
  if (refused.length > 0) throw new ServiceError('chatcfg.MembersNotAdded', `add_group_member: ${refused.join(', ')} did not join group ${GroupId}`)
}

/** Groups and their members, through REST. */
export const groupKind: CloudKind = {
  async apply(context, change) {
    const sdkAppId = context.requireSdkAppId(change.appKey ?? '')
    const GroupId = change.name
    const call = (command: string, body: object) => context.rest.call(sdkAppId, `group_open_http_svc/${command}`, {GroupId, ...body})
    if (change.action === 'delete') {
      await call('destroy_group', {})
      return
    }
    const after = change.after ?? {}
    const wanted = strings(after.members)
    const owner = typeof after.owner === 'string' ? after.owner : undefined
    if (change.action === 'create') {
      const [first = [], ...rest] = chunks(wanted, BATCH.groupMembers)
      await context.rest.call(sdkAppId, 'group_open_http_svc/create_group', {
        GroupId,
        Type: groupTypeToWire(String(after.type)),
        ...groupBaseInfo(after),
        ...(owner ? {Owner_Account: owner} : {}),
        ...(first.length > 0 ? {MemberList: first.map((Member_Account) => ({Member_Account}))} : {}),
      })
      await addMembers(context, sdkAppId, GroupId, rest.flat())
      return
    }
    const before = change.before ?? {}
    const base = groupBaseInfo(after)
    const previous = groupBaseInfo(before)
    const changedBase = Object.fromEntries(Object.entries(base).filter(([k, v]) => JSON.stringify(previous[k]) !== JSON.stringify(v)))
    // A custom group field dropped from the configuration is cleared by an empty value.
    const droppedFields = Object.keys((before.fields as Attributes | undefined) ?? {}).filter((k) => !(after.fields as Attributes | undefined)?.[k])
    if (droppedFields.length > 0)
      changedBase.AppDefinedData = [...((changedBase.AppDefinedData as unknown[]) ?? []), ...droppedFields.map((Key) => ({Key, Value: ''}))]
    if (Object.keys(changedBase).length > 0) await call('modify_group_base_info', changedBase)
    if (after.members === undefined && owner === before.owner) return
    const had = new Set([...strings(before.members), ...(typeof before.owner === 'string' ? [before.owner] : [])])
    const want = new Set([...(after.members === undefined ? strings(before.members) : wanted), ...(owner ? [owner] : [])])
    const adding = [...want].filter((id) => !had.has(id))
    await addMembers(context, sdkAppId, GroupId, adding)
    if (owner && owner !== before.owner) await call('change_group_owner', {NewOwner_Account: owner})
    const removing = [...had].filter((id) => !want.has(id) && id !== owner)
    for (const batch of chunks(removing, BATCH.groupMembers)) await call('delete_group_member', {MemberToDel_Account: batch, Silence: 1})
  },
}
