import type {ResourceKind} from '../model/resource.js'
import type {DraftChange, PlannedChange} from './plan.js'

/**
 * Dependency levels for creates and updates: the app (and an edition upgrade) first, then its settings
 * and fields, then accounts, webhook and push, then groups (they need accounts and fields), then
 * policies (they need SDKAppIDs). Deletes run after, children before parents.
 */
const LEVEL: Record<ResourceKind, number> = {
  app: 0,
  login: 1,
  messages: 1,
  friends: 1,
  'group-settings': 1,
  'user-field': 1,
  'friend-field': 1,
  'group-field': 1,
  'group-member-field': 1,
  account: 2,
  webhook: 2,
  'push-certificate': 2,
  group: 3,
  policy: 4,
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Orders changes for apply. `afterSettings` holds app updates that take features away (an edition
 * without the premium set): they must follow the settings updates that turn those features off.
 */
export function orderChanges(changes: readonly DraftChange[], afterSettings: ReadonlySet<string>): PlannedChange[] {
  const rank = (change: DraftChange): number => {
    if (change.action === 'delete') return 100 - LEVEL[change.kind]
    if (afterSettings.has(change.address)) return LEVEL.login + 0.5
    return LEVEL[change.kind]
  }
  const sorted = [...changes].sort((a, b) => rank(a) - rank(b) || byCodeUnit(a.address, b.address))
  const ranks = [...new Set(sorted.map(rank))]
  return sorted.map((change) => ({...change, wave: ranks.indexOf(rank(change))}))
}
