/**
 * The REST API v4 wire format shared by the tencentcloud provider (which speaks it) and the served
 * emulator (which answers it): domains, documented batch sizes and rates, error codes, and how chatcfg's
 * account and group attributes map to the service's profile tags and group fields.
 */
import type {Attributes, Json} from '../model/resource.js'

/** Primary REST domain per region the app was created in. */
export const REST_DOMAINS = {
  china: 'console.tim.qq.com',
  singapore: 'adminapisgp.im.qcloud.com',
  seoul: 'adminapikr.im.qcloud.com',
  frankfurt: 'adminapiger.im.qcloud.com',
  mumbai: 'adminapiind.im.qcloud.com',
  usa: 'adminapiusa.im.qcloud.com',
  jakarta: 'adminapiidn.im.qcloud.com',
  tokyo: 'adminapijpn.im.qcloud.com',
  // Listed on the newer REST API overview (trtc.io/document/34921) and not yet on the older pages.
  riyadh: 'adminapiksa.im.qcloud.com',
} as const
export type Region = keyof typeof REST_DOMAINS

/** Items per call on the batch endpoints, at the documented maximum (the smaller one where pages disagree). */
export const BATCH = {
  accounts: 100,
  profiles: 100,
  groupInfo: 50,
  /** create_group's MemberList and delete_group_member's MemberToDel_Account. */
  groupMembers: 100,
  /** get_group_member_info's Limit. */
  memberPage: 200,
  groupList: 10000,
} as const

/** The site an account is on: its API 3.0 hosts and the documentation that describes its limits. */
export type Site = 'intl' | 'china'

/**
 * Members one add_group_member call takes, by site. The pages disagree and each site's own page decides:
 * the Chinese page (cloud.tencent.com/document/product/269/1621, updated 2026-02-06) allows 20 per call;
 * the international page (tencentcloud.com/document/product/1047/34921) allows 300.
 */
export const ADD_MEMBER_BATCH: Readonly<Record<Site, number>> = {china: 20, intl: 300}

/** add_group_member's per-member Result: 0 failed, 1 added, 2 already a member, 3 waiting for approval. */
export const ADD_MEMBER_RESULT = {failed: 0, added: 1, alreadyMember: 2, awaitingApproval: 3} as const

/** get_group_info answers larger than this fail with ANSWER_TOO_LARGE (10018). */
export const MAX_ANSWER_BYTES = 1024 * 1024
export const ANSWER_TOO_LARGE = 10018

/** Documented calls per second, per endpoint; every other v4 endpoint allows the default. */
export const DEFAULT_REST_RATE = 200
const REST_RATES: Readonly<Record<string, number>> = {
  'im_open_login_svc/multiaccount_import': 100,
  'im_open_login_svc/account_delete': 100,
  'im_open_login_svc/account_check': 100,
  'group_open_http_svc/get_appid_group_list': 1,
}
export function restRate(command: string): number {
  return REST_RATES[command] ?? DEFAULT_REST_RATE
}

/**
 * Codes after which the same call may succeed: throttling and transient server trouble, the REST-wide
 * ones and the group service's 10002 (internal error) and 10006 (operation frequency limit) and the
 * profile service's 40006 (internal error), each documented as "retry".
 */
export const RETRYABLE_REST_CODES: ReadonlySet<number> = new Set([10002, 10006, 40006, 60007, 60008, 60011, 60013, 60014, 60018, 60019, 70169, 70202, 70500])

/** The code each service answers a transient internal error and throttling with, where it has its own. */
export function transientCode(command: string, kind: 'failure' | 'throttle'): number {
  const service = command.split('/')[0]
  if (service === 'group_open_http_svc') return kind === 'failure' ? 10002 : 10006
  if (service === 'profile' && kind === 'failure') return 40006
  return kind === 'failure' ? 70500 : 60007
}

/** Every v4 answer carries these; batch endpoints add per-item results beside them. */
export interface RestEnvelope {
  readonly ActionStatus: 'OK' | 'FAIL'
  readonly ErrorCode: number
  readonly ErrorInfo: string
  readonly [field: string]: unknown
}

// ── accounts and profiles ────────────────────────────────────────────────────────────────

const STANDARD_TAGS: ReadonlyArray<{attribute: string; tag: string; values?: Readonly<Record<string, string>>}> = [
  {attribute: 'nick', tag: 'Tag_Profile_IM_Nick'},
  {attribute: 'faceUrl', tag: 'Tag_Profile_IM_Image'},
  {attribute: 'gender', tag: 'Tag_Profile_IM_Gender', values: {unknown: 'Gender_Type_Unknown', female: 'Gender_Type_Female', male: 'Gender_Type_Male'}},
  {attribute: 'birthday', tag: 'Tag_Profile_IM_BirthDay'},
  {attribute: 'location', tag: 'Tag_Profile_IM_Location'},
  {attribute: 'selfSignature', tag: 'Tag_Profile_IM_SelfSignature'},
  {
    attribute: 'allowType',
    tag: 'Tag_Profile_IM_AllowType',
    values: {needConfirm: 'AllowType_Type_NeedConfirm', allowAny: 'AllowType_Type_AllowAny', denyAny: 'AllowType_Type_DenyAny'},
  },
  {attribute: 'language', tag: 'Tag_Profile_IM_Language'},
  {attribute: 'messageSettings', tag: 'Tag_Profile_IM_MsgSettings'},
  {attribute: 'adminForbidType', tag: 'Tag_Profile_IM_AdminForbidType', values: {none: 'AdminForbid_Type_None', sendOut: 'AdminForbid_Type_SendOut'}},
  {attribute: 'level', tag: 'Tag_Profile_IM_Level'},
  {attribute: 'role', tag: 'Tag_Profile_IM_Role'},
]
export const CUSTOM_PROFILE_PREFIX = 'Tag_Profile_Custom_'
/** The standard tags chatcfg manages, in a stable order, for portrait_get. */
export const STANDARD_PROFILE_TAGS: readonly string[] = STANDARD_TAGS.map((t) => t.tag)

export interface ProfileItem {
  readonly Tag: string
  readonly Value: string | number
}

/** An account's profile attributes as portrait_set items; `custom` values become Tag_Profile_Custom_<name>. */
export function profileItems(profile: Attributes): ProfileItem[] {
  const items: ProfileItem[] = []
  for (const {attribute, tag, values} of STANDARD_TAGS) {
    const value = profile[attribute]
    if (value === undefined || value === null) continue
    items.push({Tag: tag, Value: typeof value === 'number' ? value : (values?.[String(value)] ?? String(value))})
  }
  const custom = profile.custom
  if (custom && typeof custom === 'object' && !Array.isArray(custom))
    for (const [name, value] of Object.entries(custom)) items.push({Tag: `${CUSTOM_PROFILE_PREFIX}${name}`, Value: String(value)})
  return items
}

/** The profile attributes portrait_get items stand for; unknown tags are reported, not dropped silently. */
export function profileFromItems(items: readonly ProfileItem[]): {profile: Attributes; unknownTags: string[]} {
  const profile: Attributes = {}
  const custom: {[name: string]: Json} = {}
  const unknownTags: string[] = []
  for (const item of items) {
    if (item.Tag.startsWith(CUSTOM_PROFILE_PREFIX)) {
      custom[item.Tag.slice(CUSTOM_PROFILE_PREFIX.length)] = String(item.Value)
      continue
    }
    const known = STANDARD_TAGS.find((t) => t.tag === item.Tag)
    if (!known) {
      unknownTags.push(item.Tag)
      continue
    }
    const fromWire = known.values ? Object.entries(known.values).find(([, wire]) => wire === item.Value)?.[0] : undefined
    profile[known.attribute] = fromWire ?? item.Value
  }
  if (Object.keys(custom).length > 0) profile.custom = custom
  return {profile, unknownTags}
}

// ── groups ───────────────────────────────────────────────────────────────────────────────

/** Console names of group types and the names REST uses. */
const GROUP_TYPES_ON_WIRE: Readonly<Record<string, string>> = {
  Work: 'Private',
  Public: 'Public',
  Meeting: 'ChatRoom',
  AVChatRoom: 'AVChatRoom',
  Community: 'Community',
}
export function groupTypeToWire(type: string): string {
  return GROUP_TYPES_ON_WIRE[type] ?? type
}
export function groupTypeFromWire(type: string): string {
  return Object.entries(GROUP_TYPES_ON_WIRE).find(([, wire]) => wire === type)?.[0] ?? type
}

const APPLY_JOIN: Readonly<Record<string, string>> = {freeAccess: 'FreeAccess', needPermission: 'NeedPermission', disableApply: 'DisableApply'}
export function applyJoinToWire(value: string): string {
  return APPLY_JOIN[value] ?? value
}
/** The attribute value for a wire ApplyJoinOption, or undefined when it is none of the service's. */
export function applyJoinFromWire(value: string): string | undefined {
  return Object.entries(APPLY_JOIN).find(([, wire]) => wire === value)?.[0]
}

/** Base-info fields create_group and modify_group_base_info take, from chatcfg's group attributes. */
export function groupBaseInfo(attributes: Attributes): Record<string, unknown> {
  const info: Record<string, unknown> = {}
  if (typeof attributes.name === 'string') info.Name = attributes.name
  if (typeof attributes.introduction === 'string') info.Introduction = attributes.introduction
  if (typeof attributes.notification === 'string') info.Notification = attributes.notification
  if (typeof attributes.faceUrl === 'string') info.FaceUrl = attributes.faceUrl
  if (typeof attributes.applyJoin === 'string') info.ApplyJoinOption = applyJoinToWire(attributes.applyJoin)
  const fields = attributes.fields
  if (fields && typeof fields === 'object' && !Array.isArray(fields))
    info.AppDefinedData = Object.entries(fields).map(([Key, Value]) => ({Key, Value: String(Value)}))
  return info
}

/** The group as get_group_info describes it. */
export interface GroupInfo {
  readonly GroupId: string
  readonly ErrorCode: number
  readonly ErrorInfo?: string
  readonly Type?: string
  readonly Name?: string
  readonly Owner_Account?: string
  readonly Introduction?: string
  readonly Notification?: string
  readonly FaceUrl?: string
  readonly ApplyJoinOption?: string
  readonly AppDefinedData?: ReadonlyArray<{Key: string; Value: string}>
  readonly MemberList?: ReadonlyArray<{Member_Account: string; Role?: string}>
  readonly MemberNum?: number
}

/** chatcfg's group attributes from get_group_info; the owner is not listed among the members. */
export function groupFromInfo(info: GroupInfo): Attributes {
  const attributes: Attributes = {type: groupTypeFromWire(info.Type ?? ''), name: info.Name ?? ''}
  if (info.Owner_Account) attributes.owner = info.Owner_Account
  if (info.Introduction) attributes.introduction = info.Introduction
  if (info.Notification) attributes.notification = info.Notification
  if (info.FaceUrl) attributes.faceUrl = info.FaceUrl
  if (info.ApplyJoinOption) attributes.applyJoin = applyJoinFromWire(info.ApplyJoinOption) ?? info.ApplyJoinOption
  attributes.fields = Object.fromEntries((info.AppDefinedData ?? []).map(({Key, Value}) => [Key, Value]).sort(([a], [b]) => String(a).localeCompare(String(b))))
  attributes.members = (info.MemberList ?? [])
    .map((m) => m.Member_Account)
    .filter((id) => id !== info.Owner_Account)
    .sort()
  return attributes
}
