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
}
