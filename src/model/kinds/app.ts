import type {KindDefinition} from './kind.js'

/** A Chat app (one SDKAppID): everything else in an app follows it. */
export const app: KindDefinition<'app'> = {
  kind: 'app',
  placement: {parent: 'account', segment: 'app'},
  level: 0,
  definition: (schema) => schema.$defs.app,
  attributes: 'declared',
  deletion: 'on-request',
  wholeMaps: ['tags'],
  consolePage: 'Basic Configuration',
}
