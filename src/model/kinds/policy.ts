import type {KindDefinition} from './kind.js'

/** A CAM policy (custom, or a preset attached to users and groups); it names apps by SDKAppID, so comes last. */
export const policy: KindDefinition<'policy'> = {
  kind: 'policy',
  placement: {parent: 'account', segment: 'policy'},
  level: 4,
  definition: (schema) => schema.$defs.policy,
  attributes: 'declared',
  deletion: 'on-request',
  wholeMaps: [],
  consolePage: null,
}
