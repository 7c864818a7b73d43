import {customFields, undeletableFields} from './custom-fields.js'
import {dependencies} from './dependencies.js'
import {editionDowngrade, editionFeatures} from './editions.js'
import {groupTypes} from './group-types.js'
import {historyPeriod} from './history.js'
import {immutableValues, oneWaySettings} from './immutable.js'
import {accountDeletion, lifecycle, liveProtection, paidAppLifecycle} from './lifecycle.js'
import {limits, liveLimits} from './limits.js'
import {policies, unknownPrincipals} from './policies.js'
import {references, unregisteredAccounts} from './references.js'
import type {LiveRule, Rule} from './rule.js'
import {schemaConstraints} from './schema-constraints.js'
import {secrets} from './secrets.js'
import {webhookPortChange, webhookUrl} from './webhook-url.js'

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

/** Every rule that reads live state, run by the planner on the changes it drafted. */
export const LIVE_RULES: readonly LiveRule[] = [
  undeletableFields,
  immutableValues,
  editionDowngrade,
  historyPeriod,
  liveLimits,
  webhookPortChange,
  accountDeletion,
  paidAppLifecycle,
  oneWaySettings,
  liveProtection,
  unregisteredAccounts,
  unknownPrincipals,
]
