import type {Edition} from '../config/generated/config.js'
import {isPlainObject} from '../config/pointer.js'
import type {SchemaVisit} from '../config/schema.js'
import {editionOf, editionSpec} from '../model/editions.js'
import type {LiveRule, Rule} from './rule.js'

/**
 * Deletion is only ever an explicit `ensure: absent`. It is refused for protected resources, and an
 * app must be disabled to be deleted, so the request must say `status: disabled` too.
 */
export const lifecycle: Rule = function* (context) {
  const visits = context.visits
  // An index, not an iterator: each step of an iterator allocates until the loop is optimised.
  for (let index = 0; index < visits.length; index++) {
    const visit = visits[index] as SchemaVisit
    // Every value is asked: its `ensure` first, which all but a few lack.
    const value = visit.value
    if (typeof value !== 'object' || value === null || (value as {ensure?: unknown}).ensure !== 'absent' || !isPlainObject(value)) continue
    const path = visit.path
    if (value.protected === true) {
      yield {
        code: 'config/protected',
        message: 'deletion requested (ensure: absent) but the resource is protected; set protected: false first',
        path: [...path, 'ensure'],
        at: 'value',
      }
    }
    if (path.length === 2 && path[0] === 'apps' && value.status !== 'disabled') {
      yield {code: 'config/lifecycle', message: 'an app must be disabled before it is deleted; add status: disabled', path: [...path, 'ensure'], at: 'value'}
    }
  }
}

/** Accounts can be deleted only on the developer edition (the service answers 71000 on the others). */
export const accountDeletion: LiveRule = function* (context) {
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

/**
 * Only a developer app is disabled or deleted by its owner. Standard and premium apps are disabled by
 * the service after seven days of overdue payment, and deleted by Tencent Cloud on request (the console
 * guide, Basic Configuration). An edition upgrade in the same change counts: the app is paid by then.
 */
export const paidAppLifecycle: LiveRule = function* (context) {
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

/**
 * Deletion protection is read from the live resource, as Pulumi keeps `protect` in its state: a delete
 * is refused while the live resource is protected, even when the configuration drops `protected: true`
 * in the same change. Lifting protection is a change of its own, applied first.
 */
export const liveProtection: LiveRule = function* (context) {
  for (const change of context.changes) {
    if (change.action !== 'delete' || context.live.get(change.address)?.attributes.protected !== true) continue
    yield {
      code: 'plan/protected',
      message: `${change.address} is protected where it lives; apply protected: false (or leave it out) first, then ask for its deletion`,
      address: change.address,
      attribute: 'ensure',
      blocks: change.address,
    }
  }
}
