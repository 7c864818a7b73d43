import {sortedCopy} from '../attributes.js'
import {jsonCopy} from '../defaults.js'
import type {Attributes} from '../resource.js'
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
  declare: (app) =>
    Object.entries(app.groups ?? {}).map(([groupId, {ensure, protected: isProtected, members, ...rest}]) => {
      // A member list, once declared, is managed whole: an empty one removes every member.
      // The owner is a member by being the owner; listed among the members too, it is counted once.
      const memberIds = members?.filter((id) => id !== rest.owner)
      return {
        name: groupId,
        path: ['groups', groupId],
        attributes: {...(jsonCopy(rest) as Attributes), ...(memberIds ? {members: sortedCopy(memberIds)} : {})},
        absent: ensure === 'absent',
        protected: isProtected === true,
      }
    }),
  export: (resource) => ({path: ['groups', resource.name], value: resource.attributes}),
}
