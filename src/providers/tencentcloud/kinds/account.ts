import {isManual} from '../../../model/console-steps.js'
import {DEFAULT_ADMIN} from '../../../model/kinds/account.js'
import {type Attributes, type Change, childAddress, type Resource} from '../../../model/resource.js'
import {BATCH, CUSTOM_PROFILE_PREFIX, type ProfileItem, profileFromItems, profileItems, STANDARD_PROFILE_TAGS} from '../../../wire/rest-v4.js'
import {ServiceError} from '../../errors.js'
import {type CloudContext, type CloudKind, chunks} from './context.js'

/** Accounts the configuration or the record names (REST cannot list them): which exist, and their profiles. */
export async function readAccounts(context: CloudContext, appKey: string, sdkAppId: number): Promise<Resource[]> {
  const app = context.declared.apps.get(appKey)
  const declared = app?.accounts ?? []
  const admins = new Set(
    context.record
      .all()
      .filter(([, r]) => r.kind === 'account' && r.appKey === appKey && r.attributes.type === 'admin')
      .map(([, r]) => r.name),
  )
  // The admin the calls are made as is an admin by definition, and every app comes with administrator;
  // either is read only when the configuration declares it.
  admins.add(context.admin)
  admins.add(DEFAULT_ADMIN)
  const implicit = new Set([context.admin, DEFAULT_ADMIN])
  const userIds = [...new Set([...declared, ...(app?.groupPeople ?? []), ...[...admins].filter((id) => !implicit.has(id) || declared.includes(id))])]
  const existing: string[] = []
  await Promise.all(
    chunks(userIds, BATCH.accounts).map(async (batch) => {
      const answer = await context.rest.call<{ResultItem?: Array<{UserID: string; AccountStatus?: string}>}>(
        sdkAppId,
        'im_open_login_svc/account_check',
        {CheckItem: batch.map((UserID) => ({UserID}))},
        true,
      )
      for (const item of answer.ResultItem ?? []) if (item.AccountStatus === 'Imported') existing.push(item.UserID)
    }),
  )
  const customTags = (app?.userFields ?? []).map((name) => `${CUSTOM_PROFILE_PREFIX}${name}`)
  const profiles = new Map<string, Attributes>()
  await Promise.all(
    chunks(existing.sort(), BATCH.profiles).map(async (batch) => {
      const answer = await context.rest.call<{UserProfileItem?: Array<{To_Account: string; ProfileItem?: ProfileItem[]; ResultCode?: number}>}>(
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

async function importAccounts(context: CloudContext, sdkAppId: number, changes: readonly Change[]): Promise<Array<ServiceError | undefined>> {
  const answer = await context.rest.call<{FailAccounts?: string[]}>(sdkAppId, 'im_open_login_svc/multiaccount_import', {
    AccountList: changes.map((c) => ({
      UserID: c.name,
      ...(typeof c.after?.nick === 'string' ? {Nick: c.after.nick} : {}),
      ...(typeof c.after?.faceUrl === 'string' ? {FaceUrl: c.after.faceUrl} : {}),
    })),
  })
  const failed = new Set(answer.FailAccounts ?? [])
  return changes.map((c) => (failed.has(c.name) ? new ServiceError(70402, `multiaccount_import: ${c.name} was not imported`) : undefined))
}

async function deleteAccounts(context: CloudContext, sdkAppId: number, userIds: readonly string[]): Promise<Array<ServiceError | undefined>> {
  const answer = await context.rest.call<{ResultItem?: Array<{UserID: string; ResultCode: number; ResultInfo: string}>}>(
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

/**
 * General accounts go through REST (import, delete, profiles); admin accounts are made in the console
 * and recorded, while their profiles, like every account's, go through REST.
 */
export const accountKind: CloudKind = {
  async apply(context, change) {
    const appKey = change.appKey ?? ''
    const sdkAppId = context.requireSdkAppId(appKey)
    const admin = (change.after ?? change.before)?.type === 'admin'
    if (change.action === 'delete') {
      if (admin) return context.remember(change)
      const [error] = await deleteAccounts(context, sdkAppId, [change.name])
      if (error) throw error
      return
    }
    const {type: _type, ...profile} = change.after ?? {}
    if (change.action === 'create' && !admin) {
      const [error] = await importAccounts(context, sdkAppId, [change])
      if (error) throw error
    }
    if (admin && change.action === 'create') context.remember(change, {type: 'admin'})
    const items =
      change.action === 'create'
        ? profileItems(profile).filter((i) => !['Tag_Profile_IM_Nick', 'Tag_Profile_IM_Image'].includes(i.Tag) || admin)
        : changedProfileItems(change)
    if (items.length > 0) await context.rest.call(sdkAppId, 'profile/portrait_set', {From_Account: change.name, ProfileItem: items})
  },

  /** Creating and deleting general accounts goes 100 at a time; a creation whose profile needs portrait_set goes alone. */
  batchOf(change) {
    if (change.action === 'update' || isManual(change)) return undefined
    if (change.action === 'create' && Object.keys(change.after ?? {}).some((k) => !['type', 'nick', 'faceUrl', 'protected'].includes(k))) return undefined
    return {key: `${change.appKey}/${change.action}`, size: BATCH.accounts}
  },

  async applyBatch(context, changes) {
    const first = changes[0]
    if (!first) return []
    const sdkAppId = context.requireSdkAppId(first.appKey ?? '')
    return first.action === 'delete'
      ? deleteAccounts(
          context,
          sdkAppId,
          changes.map((c) => c.name),
        )
      : importAccounts(context, sdkAppId, changes)
  },
}
