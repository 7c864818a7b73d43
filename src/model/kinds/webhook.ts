import {jsonCopy} from '../defaults.js'
import type {Attributes} from '../resource.js'
import type {KindDefinition} from './kind.js'

/** An app's webhook: its URL and the events it receives, as the configuration says, whole. */
export const webhook: KindDefinition<'webhook'> = {
  kind: 'webhook',
  placement: {parent: 'app', segment: 'webhook', singleton: true},
  level: 2,
  definition: (schema) => schema.$defs.webhook,
  attributes: 'whole',
  deletion: 'when-omitted',
  wholeMaps: [],
  consolePage: 'Webhook Configuration',
  declare: (app, context) =>
    app.webhook
      ? [{name: 'webhook', path: ['webhook'], attributes: context.masked(context.schema.$defs.webhook, {events: [], ...(jsonCopy(app.webhook) as Attributes)})}]
      : [],
  export: (resource, context) => ({path: ['webhook'], value: context.withSecrets(resource, ['webhook'])}),
}
