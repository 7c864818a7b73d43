import {jsonCopy} from '../defaults.js'
import type {Attributes} from '../resource.js'
import type {KindDefinition} from './kind.js'

/** Every new app comes with this admin account. */
export const DEFAULT_ADMIN = 'administrator'

/** An account (UserID) and its profile; custom profile values (`custom`) are managed whole. */
export const account: KindDefinition<'account'> = {
  kind: 'account',
  placement: {parent: 'app', segment: 'account', singleton: false},
  level: 2,
  definition: (schema) => schema.$defs.account,
  attributes: 'declared',
  deletion: 'on-request',
  wholeMaps: ['custom'],
  consolePage: 'Account Management',
  declare: (app) =>
    Object.entries(app.accounts ?? {}).map(([userId, {ensure, protected: isProtected, ...profile}]) => ({
      name: userId,
      path: ['accounts', userId],
      // The administrator every app comes with is an admin unless the configuration says otherwise.
      attributes: {type: userId === DEFAULT_ADMIN ? 'admin' : 'general', ...(jsonCopy(profile) as Attributes)},
      absent: ensure === 'absent',
      protected: isProtected === true,
    })),
  export: (resource) => {
    // Every app has its administrator; say so only when it carries more than its type.
    if (resource.name === DEFAULT_ADMIN && Object.keys(resource.attributes).length === 1) return undefined
    const {type, ...profile} = resource.attributes
    return {path: ['accounts', resource.name], value: {...(type === 'admin' ? {type: 'admin'} : {}), ...profile}}
  },
}
