import {type Attributes, childAddress, type Json, type Resource} from '../../../model/resource.js'
import {BATCH, type GroupInfo, groupBaseInfo, groupFromInfo, groupTypeToWire} from '../../../wire/rest-v4.js'
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
  const infos = await Promise.all(
    chunks(ids, BATCH.groupInfo).map(async (batch) => {
      const answer = await context.rest.call<{GroupInfo?: GroupInfo[]}>(sdkAppId, 'group_open_http_svc/get_group_info', {GroupIdList: batch}, true)
      return (answer.GroupInfo ?? []).filter((info) => info.ErrorCode === 0)
    }),
  )
  return infos.flat().map((info) => ({
    kind: 'group',
    address: childAddress(appKey, 'group', info.GroupId),
    appKey,
    name: info.GroupId,
    attributes: groupFromInfo(info),
  }))
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
      for (const batch of rest) await call('add_group_member', {MemberList: batch.map((Member_Account) => ({Member_Account})), Silence: 1})
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
    for (const batch of chunks(adding, BATCH.groupMembers))
      await call('add_group_member', {MemberList: batch.map((Member_Account) => ({Member_Account})), Silence: 1})
    if (owner && owner !== before.owner) await call('change_group_owner', {NewOwner_Account: owner})
    const removing = [...had].filter((id) => !want.has(id) && id !== owner)
    for (const batch of chunks(removing, BATCH.groupMembers)) await call('delete_group_member', {MemberToDel_Account: batch, Silence: 1})
  },
}
