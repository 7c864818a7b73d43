import type {RootSchema, SchemaNode} from '../../config/schema.js'
import type {ResourceKind} from '../../model/resource.js'

/** The schema node describing a resource's attributes, so rules read metadata (immutable, add-only) from it. */
export function kindSchema(schema: RootSchema, kind: ResourceKind): SchemaNode | undefined {
  const item = (definition: string) => {
    const node = schema.$defs[definition]
    return typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined
  }
  switch (kind) {
    case 'app':
      return schema.$defs.app
    case 'login':
      return schema.$defs.login
    case 'messages':
      return schema.$defs.messages
    case 'friends':
      return schema.$defs.friends
    case 'group-settings':
      return schema.$defs.groupSettings
    case 'user-field':
      return item('userFields')
    case 'friend-field':
      return item('friendFields')
    case 'group-field':
      return item('groupFields')
    case 'group-member-field':
      return item('groupMemberFields')
    case 'webhook':
      return schema.$defs.webhook
    case 'push-certificate':
      return undefined
    case 'account':
      return schema.$defs.account
    case 'group':
      return schema.$defs.group
    case 'policy':
      return schema.$defs.policy
    default: {
      const unreachable: never = kind
      return unreachable
    }
  }
}
