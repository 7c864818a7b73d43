import type {KindDefinition} from './kind.js'

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
}
