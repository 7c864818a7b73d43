import type {Edition} from '../../config/generated/config.js'
import {walkSchema} from '../../config/schema.js'
import {editionOf, editionSpec} from '../../model/editions.js'
import type {PlanRule} from './rule.js'
import {kindSchema} from './schema-kinds.js'

/**
 * Only a developer app is disabled or deleted by its owner. Standard and premium apps are disabled by
 * the service after seven days of overdue payment, and deleted by Tencent Cloud on request (the console
 * guide, Basic Configuration). An edition upgrade in the same change counts: the app is paid by then.
 */
export const paidAppLifecycle: PlanRule = function* (context) {
  for (const change of context.changes) {
    if (change.kind !== 'app') continue
    const disabling = change.action === 'update' && change.changedPaths.includes('status') && change.after?.status === 'disabled'
    if (change.action !== 'delete' && !disabling) continue
    const editions = [change.before?.edition, change.after?.edition].filter((e): e is Edition => typeof e === 'string')
    const paid = editions.map((e) => editionOf(context.schema, {edition: e})).find((e) => e && !editionSpec(context.schema, e).ownerMayDisableAndDelete)
    if (!paid) continue
    yield {
      code: 'plan/paid-app-lifecycle',
      message: disabling
        ? `app ${change.name} is on the ${paid} edition, which its owner cannot disable; the service disables it after seven days of overdue payment. Keep status: enabled`
        : `app ${change.name} is on the ${paid} edition, which its owner cannot delete; ask Tencent Cloud support to delete it, then remove it from the configuration`,
      address: change.address,
      attribute: disabling ? 'status' : 'ensure',
      blocks: change.address,
    }
  }
}

/** Settings the schema marks `x-chatcfg-one-way` are only ever turned on (the console offers TRTC's Activate and nothing back). */
export const oneWaySettings: PlanRule = function* (context) {
  for (const change of context.changes) {
    const schema = kindSchema(context.schema, change.kind)
    if (change.action !== 'update' || !schema) continue
    for (const visit of walkSchema(context.schema, schema, change.before ?? {})) {
      const path = visit.path.join('.')
      if (!visit.schema['x-chatcfg-one-way'] || visit.value !== true || !change.changedPaths.includes(path)) continue
      yield {
        code: 'plan/one-way',
        message: `${path} of ${change.address} is on, and the console can only turn it on; keep ${path}: true`,
        address: change.address,
        attribute: path,
        blocks: change.address,
      }
    }
  }
}
