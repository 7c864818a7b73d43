import {isFieldKind, sectionOf} from '../model/kinds/index.js'
import type {LiveRule, Rule} from './rule.js'

/**
 * Custom fields: group and group member fields share one namespace, and values set on accounts and
 * groups must name fields the app declares (group fields also bound to the group's type).
 */
export const customFields: Rule = function* (context) {
  for (const [appKey, app] of context.apps) {
    const groupFields = app.groupFields ?? {}
    for (const name of Object.keys(app.groupMemberFields ?? {})) {
      if (Object.hasOwn(groupFields, name)) {
        yield {
          code: 'config/duplicate-field-name',
          message: `"${name}" is already a custom group field; group and group member fields need different names`,
          path: ['apps', appKey, 'groupMemberFields', name],
          at: 'key',
        }
      }
    }
    const userFields = app.userFields ?? {}
    for (const [userId, account] of Object.entries(app.accounts ?? {})) {
      for (const name of Object.keys(account.custom ?? {})) {
        if (Object.hasOwn(userFields, name)) continue
        yield {
          code: 'config/unknown-reference',
          message: `custom user field "${name}" is not declared in userFields`,
          path: ['apps', appKey, 'accounts', userId, 'custom', name],
          at: 'key',
        }
      }
    }
    for (const [groupId, group] of Object.entries(app.groups ?? {})) {
      for (const name of Object.keys(group.fields ?? {})) {
        const path = ['apps', appKey, 'groups', groupId, 'fields', name]
        const field = groupFields[name]
        if (!field) {
          yield {code: 'config/unknown-reference', message: `custom group field "${name}" is not declared in groupFields`, path, at: 'key'}
        } else if (!Object.hasOwn(field.groupTypes, group.type)) {
          yield {
            code: 'config/group-type-unsupported',
            message: `custom group field "${name}" is not bound to ${group.type} groups (bound: ${Object.keys(field.groupTypes).join(', ')})`,
            path,
            at: 'key',
          }
        }
      }
    }
  }
}

/** Custom fields exist for good: one missing from the configuration is an error, never a deletion. */
export const undeletableFields: LiveRule = function* (context) {
  for (const resource of context.live.values()) {
    if (!isFieldKind(resource.kind) || context.desired.has(resource.address)) continue
    const section = sectionOf(resource.kind)
    const app = context.desired.get(`app.${resource.appKey}`)
    if (!app || app.absent) continue
    yield {
      code: 'plan/undeletable-field',
      message: `custom field "${resource.name}" exists in app ${resource.appKey} but not in ${section}; custom fields can never be deleted, so declare it again`,
      address: app.address,
      attribute: section,
    }
  }
}
