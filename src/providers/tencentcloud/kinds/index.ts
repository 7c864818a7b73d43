import type {ResourceKind} from '../../../model/resource.js'
import {accountKind} from './account.js'
import {appKind} from './app.js'
import {consoleKind} from './console.js'
import type {CloudKind} from './context.js'
import {groupKind} from './group.js'
import {policyKind} from './policy.js'

/** How the real service reaches each kind; a kind without an entry does not compile. */
export const CLOUD_KINDS: {readonly [K in ResourceKind]: CloudKind} = {
  app: appKind,
  login: consoleKind,
  messages: consoleKind,
  friends: consoleKind,
  'group-settings': consoleKind,
  'user-field': consoleKind,
  'friend-field': consoleKind,
  'group-field': consoleKind,
  'group-member-field': consoleKind,
  webhook: consoleKind,
  'push-certificate': consoleKind,
  account: accountKind,
  group: groupKind,
  policy: policyKind,
}
