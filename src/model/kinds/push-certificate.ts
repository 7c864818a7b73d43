import type {KindDefinition} from './kind.js'

/** An offline push certificate, named platform.vendor (android) or platform.name (ios); each vendor has its own shape. */
export const pushCertificate: KindDefinition<'push-certificate'> = {
  kind: 'push-certificate',
  placement: {parent: 'app', segment: 'push', singleton: false},
  level: 2,
  definition: () => undefined,
  attributes: 'whole',
  // The console cannot restore a deleted certificate: deleted only on request, like apps, accounts and groups.
  deletion: 'on-request',
  wholeMaps: [],
  consolePage: 'Basic Configuration › Offline Push Certificates',
}
