import {customFields} from './custom-fields.js'
import {dependencies} from './dependencies.js'
import {editionFeatures} from './edition-features.js'
import {groupTypes} from './group-types.js'
import {lifecycle} from './lifecycle.js'
import {limits} from './limits.js'
import {policies} from './policies.js'
import {references} from './references.js'
import type {Rule} from './rule.js'
import {schemaConstraints} from './schema-constraints.js'
import {secrets} from './secrets.js'
import {webhookUrl} from './webhook-url.js'

/** Every rule that needs no live state, run by `chatcfg validate` and before every plan. */
export const OFFLINE_RULES: readonly Rule[] = [
  schemaConstraints,
  editionFeatures,
  limits,
  groupTypes,
  dependencies,
  customFields,
  references,
  webhookUrl,
  policies,
  lifecycle,
  secrets,
]
