import {verifyUserSig} from '../../../auth/usersig.js'
import type {Attributes, Change, Json, Resource} from '../../../model/resource.js'
import {childAddress} from '../../../model/resource.js'
import {
  ADD_MEMBER_BATCH,
  ADD_MEMBER_RESULT,
  ANSWER_TOO_LARGE,
  applyJoinFromWire,
  BATCH,
  groupBaseInfo,
  groupTypeFromWire,
  groupTypeToWire,
  MAX_ANSWER_BYTES,
  type ProfileItem,
  profileFromItems,
  profileItems,
  RETRYABLE_REST_CODES,
  restRate,
  type Site,
  transientCode,
} from '../../../wire/rest-v4.js'
import {ServiceError} from '../../errors.js'
import type {Emulator} from '../emulator.js'
import {SERVICE_CHOSEN_ID} from '../kinds/group.js'
import type {RateLimiter} from './rate-limit.js'

/** The app a call is for, once its UserSig has been checked. */
interface CallContext {
  readonly emulator: Emulator
  readonly appKey: string
  readonly sdkAppId: number
  readonly body: Record<string, unknown>
  /** The site whose documented limits the emulator holds to. */
  readonly site: Site
}

type Handler = (call: CallContext) => Promise<Record<string, unknown>>

const fail = (code: number, info: string): never => {
  throw new ServiceError(code, info)
}

function list<T = unknown>(value: unknown, name: string, max: number): T[] {
  if (!Array.isArray(value) || value.length === 0) fail(70402, `${name} must be a non-empty list`)
  if ((value as unknown[]).length > max) fail(70206, `${name} takes at most ${max} items per call`)
  return value as T[]
}

/** A list whose items are JSON objects, as the batch endpoints take them. */
function objects(value: unknown, name: string, max: number): Array<Record<string, unknown>> {
  const items = list(value, name, max)
  if (!items.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item))) fail(70402, `every item of ${name} must be an object`)
  return items as Array<Record<string, unknown>>
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') fail(70402, `${name} must be a non-empty string`)
  return value as string
}

/** The emulator refuses with its own codes; a console-side code has no REST number, so it reads as a bad parameter. */
function restCode(error: unknown): {code: number; info: string} {
  // A lost answer is lost on the wire too: the server drops the connection.
  if (error instanceof ServiceError && error.outcomeUnknown) throw error
  if (error instanceof ServiceError) return {code: typeof error.code === 'number' ? error.code : 70402, info: error.message}
  return {code: 70500, info: 'internal server error'}
}

/** A refusal the same call may get past later: throttling or a transient fault. */
const transient = (error: unknown): boolean => error instanceof ServiceError && typeof error.code === 'number' && RETRYABLE_REST_CODES.has(error.code)

async function write(call: CallContext, change: Omit<Change, 'appKey'>): Promise<void> {
  await call.emulator.store({...change, appKey: call.appKey})
}

function account(call: CallContext, userId: string): Resource | undefined {
  return call.emulator.readOne(call.appKey, 'account', userId)
}

async function importAccount(call: CallContext, userId: string, nick?: unknown, faceUrl?: unknown): Promise<void> {
  const existing = account(call, userId)
  const given: Attributes = {
    ...(typeof nick === 'string' ? {nick} : {}),
    ...(typeof faceUrl === 'string' ? {faceUrl} : {}),
  }
  const address = childAddress(call.appKey, 'account', userId)
  // Importing a UserID again is not an error: it updates the nickname and photo it carries.
  if (existing) {
    if (Object.entries(given).some(([key, value]) => existing.attributes[key] !== value))
      await write(call, {action: 'update', kind: 'account', address, name: userId, before: existing.attributes, after: {...existing.attributes, ...given}})
    return
  }
  await write(call, {action: 'create', kind: 'account', address, name: userId, after: {type: 'general', ...given}})
}

function group(call: CallContext, groupId: string): Resource {
  const found = call.emulator.readOne(call.appKey, 'group', groupId)
  if (!found) fail(10010, `group ${groupId} does not exist`)
  return found as Resource
}

async function updateGroup(call: CallContext, current: Resource, after: Attributes): Promise<void> {
  await write(call, {action: 'update', kind: 'group', address: current.address, name: current.name, before: current.attributes, after})
}

function members(attributes: Attributes): string[] {
  return Array.isArray(attributes.members) ? attributes.members.map(String) : []
}

/** A member as get_group_info and get_group_member_info list one, with the fields the service sends beside the account. */
function memberEntry(account: string, role: 'Owner' | 'Member'): Record<string, unknown> {
  return {Member_Account: account, Role: role, JoinTime: 0, MsgSeq: 0, MsgFlag: 'AcceptAndNotify', LastSendMsgTime: 0, ShutUpUntil: 0, AppMemberDefinedData: []}
}

function memberList(attributes: Attributes): Array<Record<string, unknown>> {
  const owner = typeof attributes.owner === 'string' ? attributes.owner : undefined
  return [...(owner ? [memberEntry(owner, 'Owner')] : []), ...members(attributes).map((id) => memberEntry(id, 'Member'))]
}

const names = (value: unknown): string[] | undefined => (Array.isArray(value) ? value.map(String) : undefined)

/**
 * The group as get_group_info describes it. Audio-video groups come without a member list or count.
 * A ResponseFilter narrows the answer: base fields to GroupBaseInfoFilter, custom fields to
 * AppDefinedDataFilter_Group, and members only when MemberInfoFilter asks for them.
 */
function groupInfo(resource: Resource, filter: Record<string, unknown> | undefined): Record<string, unknown> {
  const a = resource.attributes
  const owner = typeof a.owner === 'string' ? a.owner : undefined
  const audioVideo = a.type === 'AVChatRoom'
  const list = memberList(a)
  const base: Record<string, unknown> = {
    Type: groupTypeToWire(String(a.type)),
    ...(owner ? {Owner_Account: owner} : {}),
    ...groupBaseInfo(a),
    ...(audioVideo ? {} : {MemberNum: list.length}),
  }
  const {AppDefinedData: data, ...fields} = base
  const baseFilter = names(filter?.GroupBaseInfoFilter)
  const dataFilter = names(filter?.AppDefinedDataFilter_Group)
  const shown = baseFilter ? Object.fromEntries(Object.entries(fields).filter(([key]) => key === 'Type' || baseFilter.includes(key))) : fields
  const customData = ((data as Array<{Key: string}> | undefined) ?? []).filter((item) => !dataFilter || dataFilter.includes(item.Key))
  const withMembers = !audioVideo && (!filter || filter.MemberInfoFilter !== undefined)
  return {
    GroupId: resource.name,
    ErrorCode: 0,
    ErrorInfo: '',
    ...shown,
    ...(customData.length > 0 ? {AppDefinedData: customData} : {}),
    ...(withMembers ? {MemberList: list} : {}),
  }
}

/** A refusal that concerns one member (in too many groups already), not the group: that member fails alone. */
const refusesMember = (error: unknown): boolean => error instanceof ServiceError && error.code === 10037

/**
 * Adds the members together; when one of them cannot join, adds them one at a time so that member fails
 * alone (Result 0). A refusal of the group itself (full, wrong type) fails the whole call.
 */
async function addMembers(call: CallContext, current: Resource, fresh: readonly string[]): Promise<Set<string>> {
  try {
    if (fresh.length > 0) await updateGroup(call, current, {...current.attributes, members: [...members(current.attributes), ...fresh].sort()})
    return new Set(fresh)
  } catch (error) {
    if (!refusesMember(error)) throw error
  }
  const added = new Set<string>()
  for (const id of fresh) {
    const latest = group(call, current.name)
    try {
      await updateGroup(call, latest, {...latest.attributes, members: [...members(latest.attributes), id].sort()})
      added.add(id)
    } catch (error) {
      if (!refusesMember(error)) throw error
    }
  }
  return added
}

const HANDLERS: Readonly<Record<string, Handler>> = {
  'im_open_login_svc/account_import': async (call) => {
    await importAccount(call, text(call.body.UserID, 'UserID'), call.body.Nick, call.body.FaceUrl)
    return {}
  },
  'im_open_login_svc/multiaccount_import': async (call) => {
    const items =
      call.body.AccountList !== undefined
        ? objects(call.body.AccountList, 'AccountList', BATCH.accounts)
        : list<unknown>(call.body.Accounts, 'Accounts', BATCH.accounts).map((UserID): Record<string, unknown> => ({UserID}))
    const failed: string[] = []
    for (const item of items) {
      try {
        await importAccount(call, text(item.UserID, 'UserID'), item.Nick, item.FaceUrl)
      } catch (error) {
        // A lost answer is lost for the whole call (the connection drops). Throttling before anything was
        // stored fails the whole call, which stores nothing; after that, the item fails alone.
        if (error instanceof ServiceError && error.outcomeUnknown) throw error
        if (failed.length === 0 && item === items[0] && transient(error)) throw error
        failed.push(String(item.UserID))
      }
    }
    return {FailAccounts: failed}
  },
  'im_open_login_svc/account_delete': async (call) => {
    const items = objects(call.body.DeleteItem, 'DeleteItem', BATCH.accounts)
    const results = []
    for (const item of items) {
      const userId = text(item.UserID, 'UserID')
      try {
        await write(call, {action: 'delete', kind: 'account', address: childAddress(call.appKey, 'account', userId), name: userId})
        results.push({UserID: userId, ResultCode: 0, ResultInfo: ''})
      } catch (error) {
        const {code, info} = restCode(error)
        // Refused before anything was stored, the whole call fails and stores nothing; after that, the item fails alone.
        if (results.length === 0 && transient(error)) throw error
        results.push({UserID: userId, ResultCode: code, ResultInfo: info})
      }
    }
    return {ResultItem: results}
  },
  'im_open_login_svc/account_check': async (call) => {
    const items = objects(call.body.CheckItem, 'CheckItem', BATCH.accounts)
    return {
      ResultItem: items.map((item) => {
        const userId = text(item.UserID, 'UserID')
        return {UserID: userId, ResultCode: 0, ResultInfo: '', AccountStatus: account(call, userId) ? 'Imported' : 'NotImported'}
      }),
    }
  },
  'profile/portrait_set': async (call) => {
    const userId = text(call.body.From_Account, 'From_Account')
    const existing = account(call, userId) ?? fail(40003, `account ${userId} does not exist`)
    const items = objects(call.body.ProfileItem, 'ProfileItem', 1000) as unknown as ProfileItem[]
    if (!items.every((item) => typeof item.Tag === 'string' && (typeof item.Value === 'string' || typeof item.Value === 'number')))
      fail(40001, 'each ProfileItem needs a Tag and a string or number Value')
    const {profile, unknownTags} = profileFromItems(items)
    if (unknownTags.length > 0) fail(40001, `unknown profile tag ${unknownTags[0]}`)
    const before = existing.attributes
    const custom: Attributes = {...((before.custom as Attributes | undefined) ?? {}), ...((profile.custom as Attributes | undefined) ?? {})}
    // An empty custom value clears the field, as on the service.
    for (const [name, value] of Object.entries(custom)) if (value === '') delete custom[name]
    const {custom: _custom, ...rest} = {...before, ...profile}
    const after: Attributes = {...rest, ...(Object.keys(custom).length > 0 ? {custom} : {})}
    await write(call, {action: 'update', kind: 'account', address: existing.address, name: userId, before, after})
    return {ErrorDisplay: ''}
  },
  'profile/portrait_get': async (call) => {
    const userIds = list<unknown>(call.body.To_Account, 'To_Account', BATCH.profiles).map((id) => text(id, 'To_Account'))
    const tags = new Set(list<unknown>(call.body.TagList, 'TagList', 1000).map(String))
    const failed: string[] = []
    const items = userIds.map((userId) => {
      const found = account(call, userId)
      if (!found) {
        failed.push(userId)
        return {To_Account: userId, ProfileItem: [], ResultCode: 40003, ResultInfo: `account ${userId} does not exist`}
      }
      const {type: _type, ...profile} = found.attributes
      const wanted = profileItems(profile).filter(
        (item) => tags.has(item.Tag) || (item.Tag.startsWith('Tag_Profile_Custom_') && tags.has('Tag_Profile_Custom_*')),
      )
      return {To_Account: userId, ProfileItem: wanted, ResultCode: 0, ResultInfo: ''}
    })
    return {UserProfileItem: items, ...(failed.length > 0 ? {Fail_Account: failed} : {}), ErrorDisplay: ''}
  },
  'group_open_http_svc/create_group': async (call) => {
    const type = groupTypeFromWire(text(call.body.Type, 'Type'))
    const name = text(call.body.Name, 'Name')
    const prefix = type === 'Community' ? '@TGS#_' : '@TGS#'
    // Without a GroupId, the usual call, the service chooses one.
    const chosen = call.body.GroupId === undefined
    const groupId = chosen ? `${prefix}${Math.random().toString(36).slice(2, 12).toUpperCase()}` : text(call.body.GroupId, 'GroupId')
    const owner = typeof call.body.Owner_Account === 'string' ? call.body.Owner_Account : undefined
    const memberList = call.body.MemberList === undefined ? [] : objects(call.body.MemberList, 'MemberList', BATCH.groupMembers)
    const after: Attributes = {type, name, ...(owner ? {owner} : {}), ...attributesFromBaseInfo(call.body)}
    after.members = memberList.map((m) => text(m.Member_Account, 'Member_Account')).filter((id) => id !== owner)
    await write(call, {
      action: 'create',
      kind: 'group',
      address: childAddress(call.appKey, 'group', groupId),
      name: groupId,
      after,
      ...(chosen ? {computed: {[SERVICE_CHOSEN_ID]: true}} : {}),
    })
    return {GroupId: groupId, Type: groupTypeToWire(type)}
  },
  'group_open_http_svc/destroy_group': async (call) => {
    const current = group(call, text(call.body.GroupId, 'GroupId'))
    await write(call, {action: 'delete', kind: 'group', address: current.address, name: current.name, before: current.attributes})
    return {}
  },
  'group_open_http_svc/get_appid_group_list': async (call) => {
    const limit = typeof call.body.Limit === 'number' ? call.body.Limit : BATCH.groupList
    if (!Number.isInteger(limit) || limit < 1 || limit > BATCH.groupList) fail(10004, `Limit must be from 1 to ${BATCH.groupList}`)
    const next = typeof call.body.Next === 'number' ? call.body.Next : 0
    const type = typeof call.body.GroupType === 'string' ? groupTypeFromWire(call.body.GroupType) : undefined
    const ids = call.emulator.groupIds(call.sdkAppId, type)
    const page = ids.slice(next, next + limit)
    const after = next + page.length
    return {TotalCount: ids.length, GroupIdList: page.map((GroupId) => ({GroupId})), Next: after < ids.length ? after : 0}
  },
  'group_open_http_svc/get_group_info': async (call) => {
    const ids = list<unknown>(call.body.GroupIdList, 'GroupIdList', BATCH.groupInfo).map((id) => text(id, 'GroupIdList'))
    const filter = call.body.ResponseFilter
    if (filter !== undefined && (!filter || typeof filter !== 'object' || Array.isArray(filter))) fail(10004, 'ResponseFilter must be an object')
    return {
      GroupInfo: ids.map((groupId) => {
        const found = call.emulator.readOne(call.appKey, 'group', groupId)
        return found
          ? groupInfo(found, filter as Record<string, unknown> | undefined)
          : {GroupId: groupId, ErrorCode: 10010, ErrorInfo: `group ${groupId} does not exist`}
      }),
    }
  },
  'group_open_http_svc/get_group_member_info': async (call) => {
    const current = group(call, text(call.body.GroupId, 'GroupId'))
    if (current.attributes.type === 'AVChatRoom') fail(10007, 'audio-video groups do not list their members')
    const limit = call.body.Limit === undefined ? BATCH.memberPage : Number(call.body.Limit)
    if (!Number.isInteger(limit) || limit < 1 || limit > BATCH.memberPage) fail(10004, `Limit must be from 1 to ${BATCH.memberPage}`)
    const all = memberList(current.attributes)
    // Community groups page with the Next cursor the last answer gave; the others with Offset.
    if (current.attributes.type === 'Community') {
      const start = typeof call.body.Next === 'string' && call.body.Next !== '' ? Number(call.body.Next) : 0
      if (!Number.isInteger(start) || start < 0) fail(10004, 'Next is not a cursor this service gave')
      const end = start + limit
      return {MemberNum: all.length, MemberList: all.slice(start, end), Next: end < all.length ? String(end) : ''}
    }
    const offset = call.body.Offset === undefined ? 0 : Number(call.body.Offset)
    if (!Number.isInteger(offset) || offset < 0) fail(10004, 'Offset must be a whole number')
    return {MemberNum: all.length, MemberList: all.slice(offset, offset + limit)}
  },
  'group_open_http_svc/modify_group_base_info': async (call) => {
    const current = group(call, text(call.body.GroupId, 'GroupId'))
    const changed = attributesFromBaseInfo(call.body)
    const after: Attributes = {...current.attributes, ...changed}
    if (Array.isArray(call.body.AppDefinedData)) {
      // An empty value removes the key, as on the service.
      const fields: Attributes = {...((current.attributes.fields as Attributes | undefined) ?? {})}
      for (const item of call.body.AppDefinedData as Array<{Key: string; Value: string}>) {
        if (item.Value === '') delete fields[item.Key]
        else fields[item.Key] = item.Value
      }
      after.fields = fields
      if (Object.keys(fields).length === 0) delete after.fields
    }
    await updateGroup(call, current, after)
    return {}
  },
  'group_open_http_svc/add_group_member': async (call) => {
    const current = group(call, text(call.body.GroupId, 'GroupId'))
    if (current.attributes.type === 'AVChatRoom') fail(10007, 'audio-video groups are joined by applying, not through add_group_member')
    const given = objects(call.body.MemberList, 'MemberList', ADD_MEMBER_BATCH[call.site]).map((m) => text(m.Member_Account, 'Member_Account'))
    const adding = [...new Set(given)]
    const unknown = adding.find((id) => !account(call, id))
    if (unknown !== undefined) fail(10019, `${unknown} is not an account of this app`)
    const present = new Set([...members(current.attributes), ...(typeof current.attributes.owner === 'string' ? [current.attributes.owner] : [])])
    const added = await addMembers(
      call,
      current,
      adding.filter((id) => !present.has(id)),
    )
    const result = (id: string) => (present.has(id) ? ADD_MEMBER_RESULT.alreadyMember : added.has(id) ? ADD_MEMBER_RESULT.added : ADD_MEMBER_RESULT.failed)
    return {MemberList: adding.map((id) => ({Member_Account: id, Result: result(id)}))}
  },
  'group_open_http_svc/delete_group_member': async (call) => {
    const current = group(call, text(call.body.GroupId, 'GroupId'))
    const removing = new Set(list<unknown>(call.body.MemberToDel_Account, 'MemberToDel_Account', BATCH.groupMembers).map(String))
    await updateGroup(call, current, {...current.attributes, members: members(current.attributes).filter((id) => !removing.has(id))})
    return {}
  },
  'group_open_http_svc/change_group_owner': async (call) => {
    const current = group(call, text(call.body.GroupId, 'GroupId'))
    const owner = text(call.body.NewOwner_Account, 'NewOwner_Account')
    const old = typeof current.attributes.owner === 'string' ? current.attributes.owner : undefined
    if (!members(current.attributes).includes(owner)) fail(10004, `${owner} is not a member of group ${current.name}`)
    const rest = members(current.attributes).filter((id) => id !== owner)
    await updateGroup(call, current, {...current.attributes, owner, members: [...rest, ...(old ? [old] : [])].sort()})
    return {}
  },
}

function attributesFromBaseInfo(body: Record<string, unknown>): Attributes {
  const attributes: Attributes = {}
  const strings: Array<[string, string]> = [
    ['Name', 'name'],
    ['Introduction', 'introduction'],
    ['Notification', 'notification'],
    ['FaceUrl', 'faceUrl'],
  ]
  for (const [wire, attribute] of strings) if (typeof body[wire] === 'string') attributes[attribute] = body[wire] as string
  if (typeof body.ApplyJoinOption === 'string') {
    attributes.applyJoin = applyJoinFromWire(body.ApplyJoinOption) ?? fail(10004, `ApplyJoinOption ${body.ApplyJoinOption} is not valid`)
  }
  if (body.AppDefinedData !== undefined) {
    const items = Array.isArray(body.AppDefinedData) ? (body.AppDefinedData as unknown[]) : []
    if (
      !Array.isArray(body.AppDefinedData) ||
      !items.every(
        (d) => d !== null && typeof d === 'object' && typeof (d as {Key: unknown}).Key === 'string' && typeof (d as {Value: unknown}).Value === 'string',
      )
    )
      fail(10004, 'AppDefinedData must be a list of {Key, Value} strings')
  }
  if (Array.isArray(body.AppDefinedData)) {
    const fields = Object.fromEntries((body.AppDefinedData as Array<{Key: unknown; Value: unknown}>).map((d) => [String(d.Key), String(d.Value) as Json]))
    if (Object.keys(fields).length > 0) attributes.fields = fields
  }
  return attributes
}

export interface RestAnswer {
  readonly status: number
  readonly body: Record<string, unknown>
}

const envelope = (code: number, info: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  ActionStatus: code === 0 ? 'OK' : 'FAIL',
  ErrorCode: code,
  ErrorInfo: info,
  ...extra,
})

export interface RestServiceOptions {
  readonly site?: Site
  readonly appSecretKey: (sdkAppId: number) => string | undefined
  readonly limiter: RateLimiter
  readonly nowSeconds: () => number
  readonly onCall?: (endpoint: string, throttled: boolean) => void
}

/**
 * Answers one REST v4 call as the service does: the URL's parameters, the admin's UserSig, the
 * endpoint's rate limit, then the command, always as HTTP 200 with the v4 envelope.
 */
export async function answerRest(emulator: Emulator, url: URL, rawBody: string, options: RestServiceOptions): Promise<RestAnswer> {
  const answer = (code: number, info: string, extra?: Record<string, unknown>): RestAnswer => ({status: 200, body: envelope(code, info, extra)})
  const [, version, service, command, ...rest] = url.pathname.split('/')
  const endpoint = `${service}/${command}`
  if (version !== 'v4' || !service || !command || rest.length > 0) return answer(60009, `no such REST resource ${url.pathname}`)
  const handler = Object.hasOwn(HANDLERS, endpoint) ? HANDLERS[endpoint] : undefined
  if (!handler) return answer(60009, `no such REST command ${endpoint}`)
  const query = url.searchParams
  const sdkAppIdText = query.get('sdkappid')
  if (!sdkAppIdText) return answer(60012, 'sdkappid is missing from the URL')
  const sdkAppId = Number(sdkAppIdText)
  const app = Number.isSafeInteger(sdkAppId) ? emulator.appBySdkAppId(sdkAppId) : undefined
  const secretKey = app && options.appSecretKey(sdkAppId)
  if (!app || !secretKey) return answer(70020, `SDKAppID ${sdkAppIdText} does not exist`)
  const identifier = query.get('identifier') ?? ''
  const verified = verifyUserSig(query.get('usersig') ?? '', {secretKey, sdkAppId, identifier, now: options.nowSeconds()})
  if (!verified.ok) return answer(verified.rejection.code, verified.rejection.message)
  const admin = emulator.readOne(app.appKey, 'account', identifier)
  if (admin?.attributes.type !== 'admin') return answer(60010, `${identifier} is not an app admin account`)
  if (!options.limiter.take(`${sdkAppId}/${endpoint}`, restRate(endpoint))) {
    options.onCall?.(endpoint, true)
    return answer(60007, `REST API call frequency exceeded for ${endpoint} (${restRate(endpoint)}/s)`)
  }
  options.onCall?.(endpoint, false)
  let body: unknown
  try {
    body = JSON.parse(rawBody)
  } catch {
    return answer(60003, 'the request body is not JSON')
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return answer(60003, 'the request body must be a JSON object')
  try {
    const result = await handler({emulator, appKey: app.appKey, sdkAppId, body: body as Record<string, unknown>, site: options.site ?? 'intl'})
    if (service === 'group_open_http_svc' && Buffer.byteLength(JSON.stringify(envelope(0, '', result))) > MAX_ANSWER_BYTES)
      return answer(ANSWER_TOO_LARGE, `the answer is larger than ${MAX_ANSWER_BYTES} bytes; ask for fewer groups or for fewer fields`)
    return answer(0, '', result)
  } catch (error) {
    const {code, info} = restCode(error)
    // A transient fault or throttling in a service with codes of its own is answered with them.
    if (code === 70500 || code === 60007) return answer(transientCode(endpoint, code === 70500 ? 'failure' : 'throttle'), info)
    return answer(code, info)
  }
}
