import {createHmac} from 'node:crypto'
import {mkdirSync} from 'node:fs'
import {dirname} from 'node:path'
import lockfile from 'proper-lockfile'
import type {ChatcfgConfig} from '../../config/generated/config.js'
import {DEFAULT_ADMIN, newAppResources} from '../../model/new-app.js'
import {type Attributes, appAddress, type Change, childAddress, type Json, policyAddress, type Resource} from '../../model/resource.js'
import type {ConsoleStep} from '../../plan/plan.js'
import {imAppResource} from '../../wire/cloud-api.js'
import {
  BATCH,
  CUSTOM_PROFILE_PREFIX,
  type GroupInfo,
  groupBaseInfo,
  groupFromInfo,
  groupTypeToWire,
  type ProfileItem,
  profileFromItems,
  profileItems,
  type Region,
  STANDARD_PROFILE_TAGS,
} from '../../wire/rest-v4.js'
import {ServiceError} from '../errors.js'
import type {Endpoint, LiveState, Provider} from '../provider.js'
import {CloudApiClient} from './cloud-client.js'
import {APP_API_ATTRIBUTES, consoleStepsFor, isManual} from './console-steps.js'
import type {Credentials} from './credentials.js'
import {RestClient} from './rest-client.js'
import {StateRecord} from './state-file.js'

export interface TencentCloudOptions {
  readonly config: ChatcfgConfig
  readonly region: Region
  readonly site: 'intl' | 'china'
  readonly uin: number
  readonly admin: string
  /** http:// base URL standing in for the service (chatcfg emulator serve). */
  readonly endpoint?: string
  readonly stateFile: string
  /** The record read from `stateFile` already, when the caller has it. */
  readonly record?: StateRecord
  readonly credentials: Credentials
  /** CHATCFG_FINGERPRINT_KEY, when set; otherwise a key derived from the API secret key. */
  readonly fingerprintKey?: string
  readonly retries?: number
  readonly minRetryDelayMs?: number
}

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({length: Math.ceil(items.length / size)}, (_, i) => items.slice(i * size, (i + 1) * size))
const strings = (value: Json | undefined): string[] => (Array.isArray(value) ? value.map(String) : [])
const numbers = (value: Json | undefined): number[] => (Array.isArray(value) ? value.map(Number) : [])

/**
 * The real Tencent Cloud Chat service: accounts, profiles, groups and members through REST v4; CAM
 * policies and app tags through API 3.0; every setting without a public API through console steps an
 * operator confirms, recorded in the state file, which is then their live state.
 */
export class TencentCloudProvider implements Provider {
  readonly name = 'tencentcloud'
  readonly rest: RestClient
  readonly cloud: CloudApiClient
  readonly record: StateRecord
  private readonly key: string
  /** Policy IDs by name, learned while reading. */
  private readonly policyIds = new Map<string, number>()

  constructor(private readonly options: TencentCloudOptions) {
    const cloud = options.credentials.cloud
    if (!cloud)
      throw new ServiceError(
        'AuthFailure.SecretIdNotFound',
        'no API key pair: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, or name a credentialsFile',
      )
    this.rest = new RestClient({
      region: options.region,
      admin: options.admin,
      appSecretKey: (id) => options.credentials.appSecretKey(id),
      ...(options.endpoint ? {endpoint: options.endpoint} : {}),
      ...(options.retries !== undefined ? {retries: options.retries} : {}),
      ...(options.minRetryDelayMs !== undefined ? {minRetryDelayMs: options.minRetryDelayMs} : {}),
    })
    this.cloud = new CloudApiClient({
      site: options.site,
      credentials: cloud,
      ...(options.endpoint ? {endpoint: options.endpoint} : {}),
      ...(options.retries !== undefined ? {retries: options.retries} : {}),
      ...(options.minRetryDelayMs !== undefined ? {minRetryDelayMs: options.minRetryDelayMs} : {}),
    })
    this.record = options.record ?? StateRecord.load(options.stateFile)
    this.key = options.fingerprintKey ?? createHmac('sha256', cloud.secretKey).update('chatcfg secret fingerprints').digest('hex')
  }

  fingerprint(secret: string): string {
    return `hmac-sha256:${createHmac('sha256', this.key).update(secret).digest('hex').slice(0, 32)}`
  }

  now(): number {
    return Date.now()
  }

  /**
   * The REST and API 3.0 clients pace every endpoint within its documented rate; apply only bounds how
   * many changes are in flight, enough to keep the fastest endpoint (200/s) busy across network latency.
   */
  endpointFor(_change: Change): Endpoint {
    return {name: 'tencentcloud', concurrency: 32}
  }

  private sdkAppIdOf(appKey: string): number | undefined {
    return this.options.config.apps?.[appKey]?.sdkAppId ?? (this.record.get(appAddress(appKey))?.computed?.sdkAppId as number | undefined)
  }

  private requireSdkAppId(appKey: string): number {
    const id = this.sdkAppIdOf(appKey)
    if (id === undefined)
      throw new ServiceError('chatcfg.AppNotCreated', `app ${appKey} has no SDKAppID yet: create it in the console first (apply walks you through it)`)
    return id
  }

  private appPage(appKey: string | undefined): string {
    if (appKey === undefined) return 'Chat console'
    const name = this.options.config.apps?.[appKey]?.name ?? appKey
    const id = this.sdkAppIdOf(appKey)
    return `Chat console › ${name}${id === undefined ? '' : ` (${id})`}`
  }

  consoleSteps(change: Change): ConsoleStep[] | undefined {
    return consoleStepsFor(change, this.appPage(change.appKey))
  }

  // ── reading ──────────────────────────────────────────────────────────────────────────────

  async read(): Promise<LiveState> {
    const recorded = this.record.liveResources()
    const appKeys = new Set([...Object.keys(this.options.config.apps ?? {}), ...recorded.filter((r) => r.kind === 'app').map((r) => r.name)])
    // An app on its way out (ensure: absent) is not read through REST: after its deletion there is nothing to read.
    const apps = [...appKeys].flatMap((appKey) => {
      const sdkAppId = this.sdkAppIdOf(appKey)
      return sdkAppId === undefined || this.options.config.apps?.[appKey]?.ensure === 'absent' ? [] : [{appKey, sdkAppId}]
    })
    const [tags, perApp, policies] = await Promise.all([
      this.readTags(apps.map((a) => a.sdkAppId)),
      Promise.all(apps.map((app) => this.readApp(app.appKey, app.sdkAppId))),
      this.readPolicies(),
    ])
    const resources: Resource[] = recorded.filter((r) => r.kind !== 'app')
    for (const appKey of appKeys) {
      const stored = recorded.find((r) => r.address === appAddress(appKey))
      const sdkAppId = this.sdkAppIdOf(appKey)
      // Without a record, an app the configuration says is gone is taken as gone: REST cannot tell.
      if (!stored && (sdkAppId === undefined || this.options.config.apps?.[appKey]?.ensure === 'absent')) continue
      const attributes: Attributes = {...(stored?.attributes ?? {})}
      if (sdkAppId !== undefined) attributes.tags = tags.get(sdkAppId) ?? {}
      resources.push({
        kind: 'app',
        address: appAddress(appKey),
        appKey,
        name: appKey,
        attributes,
        ...(sdkAppId !== undefined ? {computed: {...(stored?.computed ?? {}), sdkAppId}} : {}),
        recorded: Object.keys(attributes).filter((k) => !APP_API_ATTRIBUTES.has(k) || sdkAppId === undefined),
      })
    }
    resources.push(...perApp.flat(), ...policies)
    return {resources, rootUin: this.options.uin}
  }

  private async readTags(sdkAppIds: readonly number[]): Promise<Map<number, Attributes>> {
    const tags = new Map<number, Attributes>(sdkAppIds.map((id) => [id, {}]))
    for (const ids of chunks(sdkAppIds, 100)) {
      let offset = 0
      for (;;) {
        const answer = await this.cloud.call(
          'tag',
          'DescribeResourceTagsByResourceIds',
          {ServiceType: 'im', ResourcePrefix: 'sdkappid', ResourceIds: ids.map(String), ResourceRegion: '', Offset: offset, Limit: 100},
          true,
        )
        const page = (answer.Tags as Array<{TagKey: string; TagValue: string; ResourceId: string}> | undefined) ?? []
        for (const tag of page) {
          const app = tags.get(Number(tag.ResourceId))
          if (app) app[tag.TagKey] = tag.TagValue
        }
        offset += page.length
        if (page.length === 0 || offset >= Number(answer.TotalCount ?? 0)) break
      }
    }
    return tags
  }

  /** An app's accounts and groups; an app the service no longer knows (70020) has none. */
  private async readApp(appKey: string, sdkAppId: number): Promise<Resource[]> {
    try {
      return [...(await this.readAccounts(appKey, sdkAppId)), ...(await this.readGroups(appKey, sdkAppId))]
    } catch (error) {
      if (error instanceof ServiceError && (error.code === 70020 || error.code === 60006)) return []
      throw error
    }
  }

  /** Accounts the configuration or the record names (REST cannot list them): which exist, and their profiles. */
  private async readAccounts(appKey: string, sdkAppId: number): Promise<Resource[]> {
    const declared = Object.keys(this.options.config.apps?.[appKey]?.accounts ?? {})
    const admins = new Set(
      this.record
        .all()
        .filter(([, r]) => r.kind === 'account' && r.appKey === appKey && r.attributes.type === 'admin')
        .map(([, r]) => r.name),
    )
    // The admin the calls are made as is an admin by definition, and every app comes with administrator;
    // either is read only when the configuration declares it.
    admins.add(this.options.admin)
    admins.add(DEFAULT_ADMIN)
    const implicit = new Set([this.options.admin, DEFAULT_ADMIN])
    const userIds = [...new Set([...declared, ...[...admins].filter((id) => !implicit.has(id) || declared.includes(id))])]
    const existing: string[] = []
    await Promise.all(
      chunks(userIds, BATCH.accounts).map(async (batch) => {
        const answer = await this.rest.call<{ResultItem?: Array<{UserID: string; AccountStatus?: string}>}>(
          sdkAppId,
          'im_open_login_svc/account_check',
          {CheckItem: batch.map((UserID) => ({UserID}))},
          true,
        )
        for (const item of answer.ResultItem ?? []) if (item.AccountStatus === 'Imported') existing.push(item.UserID)
      }),
    )
    const customTags = Object.keys(this.options.config.apps?.[appKey]?.userFields ?? {}).map((name) => `${CUSTOM_PROFILE_PREFIX}${name}`)
    const profiles = new Map<string, Attributes>()
    await Promise.all(
      chunks(existing.sort(), BATCH.profiles).map(async (batch) => {
        const answer = await this.rest.call<{UserProfileItem?: Array<{To_Account: string; ProfileItem?: ProfileItem[]; ResultCode?: number}>}>(
          sdkAppId,
          'profile/portrait_get',
          {To_Account: batch, TagList: [...STANDARD_PROFILE_TAGS, ...customTags]},
          true,
        )
        for (const item of answer.UserProfileItem ?? []) if (!item.ResultCode) profiles.set(item.To_Account, profileFromItems(item.ProfileItem ?? []).profile)
      }),
    )
    return existing.sort().map((userId) => ({
      kind: 'account',
      address: childAddress(appKey, 'account', userId),
      appKey,
      name: userId,
      attributes: {type: admins.has(userId) ? 'admin' : 'general', ...(profiles.get(userId) ?? {})},
      ...(admins.has(userId) && !implicit.has(userId) ? {recorded: ['type']} : {}),
    }))
  }

  private async readGroups(appKey: string, sdkAppId: number): Promise<Resource[]> {
    const ids: string[] = []
    let next = 0
    const seen = new Set<number>()
    do {
      // A cursor that comes back to where it was would loop for ever: stop and say so.
      if (seen.has(next)) throw new ServiceError('chatcfg.BadCursor', `get_appid_group_list returned cursor ${next} twice`)
      seen.add(next)
      const answer = await this.rest.call<{GroupIdList?: Array<{GroupId: string}>; Next?: number}>(
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
        const answer = await this.rest.call<{GroupInfo?: GroupInfo[]}>(sdkAppId, 'group_open_http_svc/get_group_info', {GroupIdList: batch}, true)
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

  private async entities(policyId: number): Promise<{users: number[]; groups: number[]}> {
    const list: Array<{Id: number; RelatedType: number}> = []
    for (let page = 1; ; page++) {
      const answer = await this.cloud.call('cam', 'ListEntitiesForPolicy', {PolicyId: policyId, Rp: 200, Page: page}, true)
      const entries = (answer.List as Array<{Id: number; RelatedType: number}> | undefined) ?? []
      list.push(...entries)
      if (entries.length < 200 || list.length >= Number(answer.TotalNum ?? 0)) break
    }
    return {
      users: list
        .filter((e) => e.RelatedType === 1)
        .map((e) => Number(e.Id))
        .sort((a, b) => a - b),
      groups: list
        .filter((e) => e.RelatedType === 2)
        .map((e) => Number(e.Id))
        .sort((a, b) => a - b),
    }
  }

  private async listPolicies(scope: 'Local' | 'QCS', keyword?: string): Promise<Array<{PolicyId: number; PolicyName: string}>> {
    const all: Array<{PolicyId: number; PolicyName: string}> = []
    for (let page = 1; ; page++) {
      const answer = await this.cloud.call('cam', 'ListPolicies', {Scope: scope, Rp: 200, Page: page, ...(keyword ? {Keyword: keyword} : {})}, true)
      const list = (answer.List as Array<{PolicyId: number; PolicyName: string}> | undefined) ?? []
      all.push(...list)
      if (list.length < 200 || all.length >= Number(answer.TotalNum ?? 0)) return all
    }
  }

  private async readPolicies(): Promise<Resource[]> {
    const presetNames = Object.values(this.options.config.policies ?? {}).flatMap((p) => (p.preset ? [p.preset] : []))
    // Only the policies the configuration names are read in full: an account may hold hundreds of others.
    const named = new Set(Object.entries(this.options.config.policies ?? {}).flatMap(([name, p]) => (p.preset ? [] : [name])))
    const custom = (await this.listPolicies('Local')).filter((p) => named.has(p.PolicyName))
    const presets = (await Promise.all(presetNames.map((name) => this.listPolicies('QCS', name))))
      .flat()
      .filter((p) => (presetNames as string[]).includes(p.PolicyName))
    const resources = await Promise.all([
      ...custom.map(async (p): Promise<Resource> => {
        this.policyIds.set(p.PolicyName, p.PolicyId)
        const [policy, attached] = await Promise.all([this.cloud.call('cam', 'GetPolicy', {PolicyId: p.PolicyId}, true), this.entities(p.PolicyId)])
        return {
          kind: 'policy',
          address: policyAddress(p.PolicyName),
          name: p.PolicyName,
          attributes: {type: 'custom', description: String(policy.Description ?? ''), document: String(policy.PolicyDocument ?? ''), ...attached},
          computed: {policyId: p.PolicyId},
        }
      }),
      ...presets.map(async (p): Promise<Resource | undefined> => {
        this.policyIds.set(p.PolicyName, p.PolicyId)
        const attached = await this.entities(p.PolicyId)
        if (attached.users.length === 0 && attached.groups.length === 0) return undefined
        return {
          kind: 'policy',
          address: policyAddress(p.PolicyName),
          name: p.PolicyName,
          attributes: {type: 'preset', ...attached},
          computed: {policyId: p.PolicyId},
        }
      }),
    ])
    return resources.filter((r): r is Resource => r !== undefined)
  }

  // ── writing ──────────────────────────────────────────────────────────────────────────────

  async apply(change: Change): Promise<void> {
    switch (change.kind) {
      case 'app':
        return this.applyApp(change)
      case 'account':
        return this.applyAccount(change)
      case 'group':
        return this.applyGroup(change)
      case 'policy':
        return this.applyPolicy(change)
      default:
        // Everything else is a console setting: the operator has made it; the record now says so.
        return this.remember(change)
    }
  }

  /**
   * Keeps what the operator confirmed, as the plan showed it: secrets as fingerprints, never in clear.
   * A change without the plan's view (`shown`) is refused rather than recorded in clear.
   */
  private remember(change: Change, attributes?: Attributes, computed?: Attributes): void {
    if (change.action === 'delete') {
      this.record.delete(change.address)
      return
    }
    const shown = attributes ?? change.shown
    if (!shown) throw new ServiceError('chatcfg.NotRecordable', `${change.address} comes without the plan's view of its values; apply it from a plan`)
    this.record.set(change.address, {
      kind: change.kind,
      ...(change.appKey !== undefined ? {appKey: change.appKey} : {}),
      name: change.name,
      attributes: shown,
      ...(computed ? {computed} : {}),
      confirmedAt: new Date(this.now()).toISOString(),
    })
  }

  private async applyApp(change: Change): Promise<void> {
    const appKey = change.appKey ?? change.name
    const supplied = change.computed?.sdkAppId
    const sdkAppId = typeof supplied === 'number' ? supplied : this.sdkAppIdOf(appKey)
    if (change.action === 'delete') {
      // The app's console settings go with it.
      for (const [address] of this.record.all()) if (address === change.address || address.startsWith(`${change.address}.`)) this.record.delete(address)
      return
    }
    if (sdkAppId === undefined) throw new ServiceError('chatcfg.AppNotCreated', `the SDKAppID of app ${appKey} is needed to record it`)
    const {tags, ...consoleSettings} = change.shown ?? change.after ?? {}
    const liveTags = change.after?.tags
    if (change.action === 'create') {
      // A new app comes with the console's default settings: recorded now, so a plan that leaves them as they are converges.
      for (const resource of newAppResources(appKey, String(consoleSettings.edition ?? 'developer'))) {
        if (resource.kind !== 'account' && !this.record.get(resource.address)) this.remember({...resource, action: 'create'}, resource.attributes)
      }
    }
    if (isManual(change) || this.record.get(change.address)) this.remember(change, consoleSettings, {sdkAppId})
    const before = (change.before?.tags as Attributes | undefined) ?? {}
    const after = (liveTags as Attributes | undefined) ?? {}
    const ReplaceTags = Object.entries(after)
      .filter(([k, v]) => before[k] !== v)
      .map(([TagKey, TagValue]) => ({TagKey, TagValue: String(TagValue)}))
    const DeleteTags = Object.keys(before)
      .filter((k) => !(k in after))
      .map((TagKey) => ({TagKey}))
    if (ReplaceTags.length > 0 || DeleteTags.length > 0)
      await this.cloud.call('tag', 'ModifyResourceTags', {Resource: imAppResource(this.options.uin, sdkAppId), ReplaceTags, DeleteTags})
  }

  private async applyAccount(change: Change): Promise<void> {
    const appKey = change.appKey ?? ''
    const sdkAppId = this.requireSdkAppId(appKey)
    const admin = (change.after ?? change.before)?.type === 'admin'
    if (change.action === 'delete') {
      if (admin) return this.remember(change)
      const [error] = await this.deleteAccounts(sdkAppId, [change.name])
      if (error) throw error
      return
    }
    const {type: _type, ...profile} = change.after ?? {}
    if (change.action === 'create' && !admin) {
      const [error] = await this.importAccounts(sdkAppId, [change])
      if (error) throw error
    }
    if (admin && change.action === 'create') this.remember(change, {type: 'admin'})
    const items =
      change.action === 'create'
        ? profileItems(profile).filter((i) => !['Tag_Profile_IM_Nick', 'Tag_Profile_IM_Image'].includes(i.Tag) || admin)
        : changedProfileItems(change)
    if (items.length > 0) await this.rest.call(sdkAppId, 'profile/portrait_set', {From_Account: change.name, ProfileItem: items})
  }

  private async importAccounts(sdkAppId: number, changes: readonly Change[]): Promise<Array<ServiceError | undefined>> {
    const answer = await this.rest.call<{FailAccounts?: string[]}>(sdkAppId, 'im_open_login_svc/multiaccount_import', {
      AccountList: changes.map((c) => ({
        UserID: c.name,
        ...(typeof c.after?.nick === 'string' ? {Nick: c.after.nick} : {}),
        ...(typeof c.after?.faceUrl === 'string' ? {FaceUrl: c.after.faceUrl} : {}),
      })),
    })
    const failed = new Set(answer.FailAccounts ?? [])
    return changes.map((c) => (failed.has(c.name) ? new ServiceError(70402, `multiaccount_import: ${c.name} was not imported`) : undefined))
  }

  private async deleteAccounts(sdkAppId: number, userIds: readonly string[]): Promise<Array<ServiceError | undefined>> {
    const answer = await this.rest.call<{ResultItem?: Array<{UserID: string; ResultCode: number; ResultInfo: string}>}>(
      sdkAppId,
      'im_open_login_svc/account_delete',
      {
        DeleteItem: userIds.map((UserID) => ({UserID})),
      },
    )
    const results = new Map((answer.ResultItem ?? []).map((r) => [r.UserID, r]))
    return userIds.map((id) => {
      const result = results.get(id)
      if (!result) return new ServiceError('chatcfg.NoAnswer', `account_delete: no result for ${id}`, true, true)
      // Gone already (an earlier attempt whose answer was lost, or a retried batch) is what was asked for.
      return result.ResultCode === 0 || result.ResultCode === 70107
        ? undefined
        : new ServiceError(result.ResultCode, `account_delete: ${id}: ${result.ResultInfo}`)
    })
  }

  /** Creating and deleting general accounts goes 100 at a time; a creation whose profile needs portrait_set goes alone. */
  batchOf(change: Change): {key: string; size: number} | undefined {
    if (change.kind !== 'account' || change.action === 'update' || isManual(change)) return undefined
    if (change.action === 'create' && Object.keys(change.after ?? {}).some((k) => !['type', 'nick', 'faceUrl'].includes(k))) return undefined
    return {key: `${change.appKey}/${change.action}`, size: BATCH.accounts}
  }

  async applyBatch(changes: readonly Change[]): Promise<ReadonlyArray<ServiceError | undefined>> {
    const first = changes[0]
    if (!first) return []
    const sdkAppId = this.requireSdkAppId(first.appKey ?? '')
    return first.action === 'delete'
      ? this.deleteAccounts(
          sdkAppId,
          changes.map((c) => c.name),
        )
      : this.importAccounts(sdkAppId, changes)
  }

  private async applyGroup(change: Change): Promise<void> {
    const sdkAppId = this.requireSdkAppId(change.appKey ?? '')
    const GroupId = change.name
    const call = (command: string, body: object) => this.rest.call(sdkAppId, `group_open_http_svc/${command}`, {GroupId, ...body})
    if (change.action === 'delete') {
      await call('destroy_group', {})
      return
    }
    const after = change.after ?? {}
    const wanted = strings(after.members)
    const owner = typeof after.owner === 'string' ? after.owner : undefined
    if (change.action === 'create') {
      const [first = [], ...rest] = chunks(wanted, BATCH.groupMembers)
      await this.rest.call(sdkAppId, 'group_open_http_svc/create_group', {
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
  }

  private async policyId(name: string, scope: 'Local' | 'QCS'): Promise<number> {
    const known = this.policyIds.get(name)
    if (known !== undefined) return known
    const found = (await this.listPolicies(scope, name)).find((p) => p.PolicyName === name)
    if (!found) throw new ServiceError('ResourceNotFound.PolicyIdNotFound', `there is no ${scope === 'QCS' ? 'preset ' : ''}policy ${name}`)
    this.policyIds.set(name, found.PolicyId)
    return found.PolicyId
  }

  private async applyPolicy(change: Change): Promise<void> {
    const after = change.after ?? {}
    const before = change.before ?? {}
    const preset = (change.after ?? change.before)?.type === 'preset'
    if (change.action === 'delete' && !preset) {
      await this.cloud.call('cam', 'DeletePolicy', {PolicyId: [await this.policyId(change.name, 'Local')]})
      this.policyIds.delete(change.name)
      return
    }
    let policyId: number
    if (change.action === 'create' && !preset) {
      const created = await this.cloud.call('cam', 'CreatePolicy', {
        PolicyName: change.name,
        PolicyDocument: String(after.document ?? ''),
        Description: String(after.description ?? ''),
      })
      policyId = Number(created.PolicyId)
      this.policyIds.set(change.name, policyId)
    } else {
      policyId = await this.policyId(change.name, preset ? 'QCS' : 'Local')
      if (!preset && (after.document !== before.document || after.description !== before.description)) {
        await this.cloud.call('cam', 'UpdatePolicy', {
          PolicyId: policyId,
          PolicyDocument: String(after.document ?? ''),
          Description: String(after.description ?? ''),
        })
      }
    }
    for (const [target, attach, detach, attachKey, detachKey] of [
      ['users', 'AttachUserPolicy', 'DetachUserPolicy', 'AttachUin', 'DetachUin'],
      ['groups', 'AttachGroupPolicy', 'DetachGroupPolicy', 'AttachGroupId', 'DetachGroupId'],
    ] as const) {
      const had = numbers(before[target])
      const want = change.action === 'delete' ? [] : numbers(after[target])
      for (const id of want.filter((id) => !had.includes(id))) await this.cloud.call('cam', attach, {PolicyId: policyId, [attachKey]: id})
      for (const id of had.filter((id) => !want.includes(id))) await this.cloud.call('cam', detach, {PolicyId: policyId, [detachKey]: id})
    }
  }

  async lock(purpose: string): Promise<() => void> {
    mkdirSync(dirname(this.options.stateFile), {recursive: true})
    try {
      const release = await lockfile.lock(this.options.stateFile, {realpath: false, stale: 60_000, retries: {retries: 30, minTimeout: 200, maxTimeout: 1000}})
      return () => {
        release().catch(() => {})
      }
    } catch {
      throw new ServiceError('chatcfg.Locked', `another chatcfg (${purpose}) holds the lock on ${this.options.stateFile}; wait for it to finish`)
    }
  }

  close(): void {
    this.cloud.close()
    this.rest.close()
  }
}

/** Profile items that differ between before and after: values set, standard values cleared by an empty value. */
function changedProfileItems(change: Change): ProfileItem[] {
  const {type: _a, ...before} = change.before ?? {}
  const {type: _b, ...after} = change.after ?? {}
  const had = new Map(profileItems(before).map((i) => [i.Tag, i.Value]))
  const wanted = profileItems(after)
  const set = wanted.filter((item) => had.get(item.Tag) !== item.Value)
  // A custom value the configuration drops is cleared with an empty value, as the service clears it.
  const cleared = [...had.keys()]
    .filter((tag) => tag.startsWith(CUSTOM_PROFILE_PREFIX) && !wanted.some((item) => item.Tag === tag))
    .map((Tag) => ({Tag, Value: ''}))
  return [...set, ...cleared]
}
