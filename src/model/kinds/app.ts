import {jsonCopy} from '../defaults.js'
import {editionOf} from '../editions.js'
import type {Attributes, Json} from '../resource.js'
import type {KindDefinition} from './kind.js'

/**
 * The tag that records an app's deletion protection on the app itself (the Tag API reaches it, as the
 * emulator's tags do), so lifting protection is a change applied before a deletion is accepted.
 */
export const PROTECTION_TAG = 'chatcfg-protected'

/** The tags the service holds for an app's attributes: its declared tags, and its protection. */
export function serviceTags(attributes: Attributes): Record<string, string> {
  const tags = Object.fromEntries(Object.entries((attributes.tags as Attributes | undefined) ?? {}).map(([key, value]) => [key, String(value)]))
  return attributes.protected === true ? {...tags, [PROTECTION_TAG]: 'true'} : tags
}

/** An app's tags and protection from the tags the service holds. */
export function fromServiceTags(held: Readonly<Record<string, Json>>): {tags: Attributes; protected: boolean} {
  const {[PROTECTION_TAG]: protection, ...tags} = held
  return {tags, protected: protection === 'true'}
}

/** A Chat app (one SDKAppID): everything else in an app follows it. */
export const app: KindDefinition<'app'> = {
  kind: 'app',
  placement: {parent: 'account', segment: 'app'},
  level: 0,
  definition: (schema) => schema.$defs.app,
  attributes: 'declared',
  deletion: 'on-request',
  wholeMaps: ['tags'],
  consolePage: 'Basic Configuration',
  declare: (app, context) => {
    const attributes: Attributes = {
      name: app.name,
      edition: editionOf(context.schema, app) ?? 'developer',
      status: app.status ?? 'enabled',
      trtc: app.trtc ?? false,
      tags: jsonCopy(app.tags ?? {}),
    }
    if (app.type !== undefined) attributes.type = app.type
    if (app.introduction !== undefined) attributes.introduction = app.introduction
    return [
      {
        name: '',
        path: [],
        attributes,
        absent: app.ensure === 'absent',
        protected: app.protected === true,
        ...(app.sdkAppId !== undefined ? {computed: {sdkAppId: app.sdkAppId}} : {}),
      },
    ]
  },
  // An app chatcfg does not manage yet (known live as sdkappid-<id>) keeps its SDKAppID, so the first plan adopts it.
  export: (resource) => {
    const {name, edition, status, trtc, tags, type, introduction, protected: isProtected} = resource.attributes
    const unmanaged = /^sdkappid-\d+$/.test(resource.name)
    return {
      path: [],
      value: {
        ...(unmanaged ? {sdkAppId: resource.computed?.sdkAppId ?? null} : {}),
        name: name ?? (unmanaged ? `app-${resource.computed?.sdkAppId}` : resource.name),
        edition: edition ?? 'developer',
        ...(type !== undefined ? {type} : {}),
        ...(introduction !== undefined ? {introduction} : {}),
        ...(status === 'disabled' ? {status} : {}),
        ...(trtc === true ? {trtc} : {}),
        ...(isProtected === true ? {protected: true} : {}),
        ...(tags && typeof tags === 'object' && Object.keys(tags).length > 0 ? {tags} : {}),
      },
    }
  },
}
