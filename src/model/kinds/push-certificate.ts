import {effective} from '../../config/schema.js'
import {defaultsOf, jsonCopy, withDefaults} from '../defaults.js'
import type {Attributes} from '../resource.js'
import type {Declaration, KindDefinition} from './kind.js'

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
  declare: (app, context) => {
    const declarations: Declaration[] = []
    const android = effective(context.schema, effective(context.schema, context.schema.$defs.push).properties?.android ?? {})
    for (const [vendor, {ensure, protected: isProtected, ...certificate}] of Object.entries(app.push?.android ?? {})) {
      declarations.push({
        name: `android.${vendor}`,
        path: ['push', 'android', vendor],
        attributes: context.masked(android.properties?.[vendor] ?? {}, jsonCopy(certificate) as Attributes),
        absent: ensure === 'absent',
        protected: isProtected === true,
      })
    }
    // Whether to keep or protect a certificate is a request about it, not one of its values.
    const {ensure: _ensure, protected: _protected, ...iosDefaults} = defaultsOf(context.schema, context.schema.$defs.pushIos)
    for (const [name, {ensure, protected: isProtected, ...certificate}] of Object.entries(app.push?.ios ?? {})) {
      declarations.push({
        name: `ios.${name}`,
        path: ['push', 'ios', name],
        attributes: context.masked(context.schema.$defs.pushIos, withDefaults(iosDefaults, jsonCopy(certificate)) as Attributes),
        absent: ensure === 'absent',
        protected: isProtected === true,
      })
    }
    return declarations
  },
  export: (resource, context) => {
    const [platform = '', name = ''] = resource.name.split('.', 2)
    const path = ['push', platform, name]
    return {path, value: context.withSecrets(resource, path)}
  },
}
