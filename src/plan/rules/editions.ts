import {editionRank} from '../../model/editions.js'
import type {PlanRule} from './rule.js'

/** An edition only goes up: developer, then standard, then premium. */
export const editionDowngrade: PlanRule = function* (context) {
  for (const change of context.changes) {
    if (change.kind !== 'app' || change.action !== 'update' || !change.changedPaths.includes('edition')) continue
    const from = String(change.before?.edition)
    const to = String(change.after?.edition)
    if (editionRank(context.schema, to) < editionRank(context.schema, from)) {
      yield {
        code: 'plan/edition-downgrade',
        message: `app ${change.name} is on the ${from} edition and cannot go back to ${to}; create a new app instead`,
        address: change.address,
        attribute: 'edition',
        blocks: change.address,
      }
    }
  }
}
