import {HISTORY_CHANGE_INTERVAL_MS} from '../model/editions.js'
import type {LiveRule} from './rule.js'

/** The console lets the history storage period change once a month. */
export const historyPeriod: LiveRule = function* (context) {
  for (const change of context.changes) {
    if (change.kind !== 'messages' || change.action !== 'update' || !change.changedPaths.includes('historyDays')) continue
    const last = context.live.get(change.address)?.computed?.historyChangedAt
    if (typeof last !== 'number' || context.now - last >= HISTORY_CHANGE_INTERVAL_MS) continue
    const next = new Date(last + HISTORY_CHANGE_INTERVAL_MS).toISOString().slice(0, 10)
    yield {
      code: 'plan/history-locked',
      message: `the history storage period of app ${change.appKey} changed on ${new Date(last).toISOString().slice(0, 10)}; it can change again from ${next}`,
      address: change.address,
      attribute: 'historyDays',
      blocks: change.address,
    }
  }
}
