import {compileStatements} from '../policy.js'
import type {Json} from '../resource.js'
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
  // Statements take SDKAppIDs from the configuration or live state; naming an app that does not exist yet leaves the policy pending.
  declare: (name, policy, scope) => {
    const attach = {users: [...(policy.attach?.users ?? [])].sort((a, b) => a - b), groups: [...(policy.attach?.groups ?? [])].sort((a, b) => a - b)}
    const path = ['policies', name]
    const absent = policy.ensure === 'absent'
    if (policy.preset) return {name: policy.preset, path, attributes: {type: 'preset', ...attach}, absent}
    if (absent) return {name, path, attributes: {type: 'custom'}, absent}
    const unknown = (policy.statements ?? []).flatMap((s) => s.apps).filter((appKey) => appKey !== '*' && scope.sdkAppIdOf(appKey) === undefined)
    const document =
      policy.document ?? compileStatements(policy.statements ?? [], {ownerUin: scope.ownerUin, sdkAppIdOf: (appKey) => scope.sdkAppIdOf(appKey) ?? 0})
    return {
      name,
      path,
      attributes: {type: 'custom', description: policy.description ?? '', document: JSON.stringify(document), ...attach},
      ...(unknown.length > 0 ? {pending: `app ${[...new Set(unknown)].join(', ')} has no SDKAppID until it is created`} : {}),
    }
  },
  export: (resource) => {
    const attach: {[key: string]: Json} = {}
    for (const target of ['users', 'groups']) {
      const list = resource.attributes[target]
      if (Array.isArray(list) && list.length > 0) attach[target] = list
    }
    const base: {[key: string]: Json} = Object.keys(attach).length > 0 ? {attach} : {}
    const path = ['policies', resource.name]
    if (resource.attributes.type === 'preset') return {path, value: {preset: resource.name, ...base}}
    const description = resource.attributes.description
    const exported: {[key: string]: Json} = {document: JSON.parse(String(resource.attributes.document)) as Json, ...base}
    if (typeof description === 'string' && description !== '') exported.description = description
    return {path, value: exported}
  },
}
