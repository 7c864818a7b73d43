import type {KindDefinition} from './kind.js'

/** A group; it needs its owner's and members' accounts and the custom fields it sets (`fields`, managed whole). */
export const group: KindDefinition<'group'> = {
  kind: 'group',
  placement: {parent: 'app', segment: 'group', singleton: false},
  level: 3,
  definition: (schema) => schema.$defs.group,
  attributes: 'declared',
  deletion: 'on-request',
  wholeMaps: ['fields'],
  consolePage: null,
}
