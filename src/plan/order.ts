import {KINDS} from '../model/kinds/index.js'
import type {DraftChange, PlannedChange} from './plan.js'
import {extended} from './source.js'

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Orders changes for apply. `afterSettings` holds app updates that take features away (an edition
 * without the premium set): they must follow the settings updates that turn those features off.
 */
export function orderChanges(changes: readonly DraftChange[], afterSettings: ReadonlySet<string>): PlannedChange[] {
  const rank = (change: DraftChange): number => {
    // Creates and updates by rising level, deletes after them by falling level (children before parents).
    if (change.action === 'delete') return 100 - KINDS[change.kind].level
    if (afterSettings.has(change.address)) return KINDS.login.level + 0.5
    return KINDS[change.kind].level
  }
  const sorted = [...changes].sort((a, b) => rank(a) - rank(b) || byCodeUnit(a.address, b.address))
  const ranks = [...new Set(sorted.map(rank))]
  return sorted.map((change) => extended(change, {wave: ranks.indexOf(rank(change))}) as PlannedChange)
}
