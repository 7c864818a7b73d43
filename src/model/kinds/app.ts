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
}
