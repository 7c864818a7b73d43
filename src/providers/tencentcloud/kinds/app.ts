import {APP_API_ATTRIBUTES, isManual} from '../../../model/console-steps.js'
import {fromServiceTags, serviceTags} from '../../../model/kinds/app.js'
import {newAppResources} from '../../../model/new-app.js'
import {type Attributes, appAddress, type Change, type Resource} from '../../../model/resource.js'
import {IM_APP_TAG_RESOURCE, imAppResource, MAX_RESOURCE_IDS, MAX_TAGS_PER_CHANGE} from '../../../wire/cloud-api.js'
import {ServiceError} from '../../errors.js'
import {type CloudContext, type CloudKind, chunks} from './context.js'

const TAG_PAGE = 100

/** Tags of each app, through the Tag API: 50 resources a call, a page of 100 tags at a time (Offset a multiple of Limit). */
async function readTags(context: CloudContext, sdkAppIds: readonly number[]): Promise<Map<number, Attributes>> {
  const tags = new Map<number, Attributes>(sdkAppIds.map((id) => [id, {}]))
  const {serviceType, resourcePrefix, region} = IM_APP_TAG_RESOURCE
  for (const ids of chunks(sdkAppIds, MAX_RESOURCE_IDS)) {
    for (let offset = 0; ; offset += TAG_PAGE) {
      const answer = await context.cloud.call(
        'tag',
        'DescribeResourceTagsByResourceIds',
        {ServiceType: serviceType, ResourcePrefix: resourcePrefix, ResourceIds: ids.map(String), ResourceRegion: region, Offset: offset, Limit: TAG_PAGE},
        true,
      )
      const page = (answer.Tags as Array<{TagKey: string; TagValue: string; ResourceId: string}> | undefined) ?? []
      for (const tag of page) {
        const app = tags.get(Number(tag.ResourceId))
        if (app) app[tag.TagKey] = tag.TagValue
      }
      if (page.length < TAG_PAGE || offset + TAG_PAGE >= Number(answer.TotalCount ?? 0)) break
    }
  }
  return tags
}

/**
 * The ModifyResourceTags calls a tag change takes: neither list may be sent empty (leave it out) and each
 * holds at most 10 tags, so a large change goes in several calls.
 */
export function tagChanges(before: Attributes, after: Attributes): Array<Record<string, unknown>> {
  const replace = Object.entries(after)
    .filter(([k, v]) => before[k] !== v)
    .map(([TagKey, TagValue]) => ({TagKey, TagValue: String(TagValue)}))
  const remove = Object.keys(before)
    .filter((k) => !(k in after))
    .map((TagKey) => ({TagKey}))
  const replaced = chunks(replace, MAX_TAGS_PER_CHANGE)
  const removed = chunks(remove, MAX_TAGS_PER_CHANGE)
  return Array.from({length: Math.max(replaced.length, removed.length)}, (_, i) => ({
    ...(replaced[i] ? {ReplaceTags: replaced[i]} : {}),
    ...(removed[i] ? {DeleteTags: removed[i]} : {}),
  }))
}

/** Apps as the record holds them, with their tags read live. `appKeys` are the declared and recorded apps. */
export async function readApps(context: CloudContext, appKeys: readonly string[], recorded: readonly Resource[]): Promise<Resource[]> {
  const sdkAppIds = appKeys.flatMap((appKey) => {
    const id = context.sdkAppIdOf(appKey)
    return id === undefined || context.declared.apps.get(appKey)?.absent ? [] : [id]
  })
  const tags = await readTags(context, sdkAppIds)
  const resources: Resource[] = []
  for (const appKey of appKeys) {
    const stored = recorded.find((r) => r.address === appAddress(appKey))
    const sdkAppId = context.sdkAppIdOf(appKey)
    // Without a record, an app the configuration says is gone is taken as gone: REST cannot tell.
    if (!stored && (sdkAppId === undefined || context.declared.apps.get(appKey)?.absent)) continue
    const {protected: _recorded, ...attributes}: Attributes = {...(stored?.attributes ?? {})}
    if (sdkAppId !== undefined) {
      const held = fromServiceTags(tags.get(sdkAppId) ?? {})
      attributes.tags = held.tags
      if (held.protected) attributes.protected = true
    }
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
  return resources
}

/** Apps are made in the console (recorded once confirmed); their tags go through the Tag API. */
export const appKind: CloudKind = {
  async apply(context, change: Change) {
    const appKey = change.appKey ?? change.name
    const supplied = change.computed?.sdkAppId
    const sdkAppId = typeof supplied === 'number' ? supplied : context.sdkAppIdOf(appKey)
    if (change.action === 'delete') {
      // The app's console settings go with it.
      for (const [address] of context.record.all()) if (address === change.address || address.startsWith(`${change.address}.`)) context.record.delete(address)
      return
    }
    if (sdkAppId === undefined) throw new ServiceError('chatcfg.AppNotCreated', `the SDKAppID of app ${appKey} is needed to record it`)
    const {tags, protected: _protection, ...consoleSettings} = change.shown ?? change.after ?? {}
    if (change.action === 'create') {
      // A new app comes with the console's default settings: recorded now, so a plan that leaves them as they are converges.
      for (const resource of newAppResources(appKey, String(consoleSettings.edition ?? 'developer'))) {
        if (resource.kind !== 'account' && !context.record.get(resource.address)) context.remember({...resource, action: 'create'}, resource.attributes)
      }
    }
    if (isManual(change) || context.record.get(change.address)) context.remember(change, consoleSettings, {sdkAppId})
    // Declared tags and the protection tag, as the Tag API holds them.
    const before = serviceTags(change.before ?? {})
    const after = serviceTags(change.after ?? {})
    for (const lists of tagChanges(before, after))
      await context.cloud.call('tag', 'ModifyResourceTags', {Resource: imAppResource(context.uin, sdkAppId), ...lists})
  },
}
