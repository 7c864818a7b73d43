import {webhookPortChangeProblem} from '../../rules/webhook-url.js'
import type {PlanRule} from './rule.js'

/** The console refuses to move a webhook between ports where one is a prefix of the other (443 and 4433). */
export const webhookPort: PlanRule = function* (context) {
  for (const change of context.changes) {
    if (change.kind !== 'webhook' || change.action !== 'update' || !change.changedPaths.includes('url')) continue
    const before = change.before?.url
    const after = change.after?.url
    if (typeof before !== 'string' || typeof after !== 'string') continue
    const problem = webhookPortChangeProblem(before, after)
    if (problem) yield {code: 'plan/webhook-port', message: `${change.address}: ${problem}`, address: change.address, attribute: 'url', blocks: change.address}
  }
}
