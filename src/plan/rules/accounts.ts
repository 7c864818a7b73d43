import type {PlanRule} from './rule.js'

/** Accounts can be deleted only on the developer edition (the service answers 71000 on the others). */
export const accountDeletion: PlanRule = function* (context) {
  for (const change of context.changes) {
    if (change.kind !== 'account' || change.action !== 'delete') continue
    const app = context.live.get(`app.${change.appKey}`)
    const edition = app?.attributes.edition
    if (edition === undefined || edition === 'developer') continue
    yield {
      code: 'plan/account-deletion',
      message: `account ${change.name} cannot be deleted: app ${change.appKey} is on the ${String(edition)} edition, where only developer apps delete accounts`,
      address: change.address,
      attribute: 'ensure',
      blocks: change.address,
    }
  }
}
