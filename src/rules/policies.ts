import {compileStatements} from '../model/policy.js'
import type {LiveRule, Rule} from './rule.js'

/** Widest values a resource can take, so a policy that fits offline also fits once apps exist. */
const WIDEST_UIN = '999999999999'
const WIDEST_SDKAPPID = '4294967295'

/** A preset policy is attached once; short-form statements must compile to a CAM document within the service's size limit. */
export const policies: Rule = function* (context) {
  const maxLength = context.schema.$defs.camPolicyDocument['x-chatcfg-max-json-length']
  const uin = context.config.provider?.tencentcloud?.uin ?? WIDEST_UIN
  const sdkAppIds = new Map(context.apps.map(([key, app]) => [key, app.sdkAppId ?? WIDEST_SDKAPPID]))
  const presets = new Map<string, string>()
  for (const [name, policy] of context.policies) {
    if (!policy.preset) continue
    const first = presets.get(policy.preset)
    if (first)
      yield {
        code: 'config/policy',
        message: `preset ${policy.preset} is already attached by policy ${first}; list every user and group there`,
        path: ['policies', name, 'preset'],
        at: 'value',
      }
    else presets.set(policy.preset, name)
  }
  for (const [name, policy] of context.policies) {
    if (!policy.statements || maxLength === undefined) continue
    const document = compileStatements(policy.statements, {ownerUin: uin, sdkAppIdOf: (key) => sdkAppIds.get(key) ?? WIDEST_SDKAPPID})
    const length = JSON.stringify(document).length
    if (length > maxLength) {
      yield {
        code: 'config/policy',
        message: `statements compile to a ${length}-character policy document; CAM accepts at most ${maxLength}`,
        path: ['policies', name, 'statements'],
        at: 'key',
      }
    }
  }
}

const ids = (value: unknown): number[] => (Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : [])

/**
 * A policy is attached only to sub-users and user groups the account has, where the provider can list
 * them: CAM refuses anyone else (ResourceNotFound.UserNotExist, ResourceNotFound.GroupNotExist).
 */
export const unknownPrincipals: LiveRule = function* (context) {
  const principals = context.principals
  if (!principals) return
  for (const change of context.changes) {
    if (change.kind !== 'policy' || change.action === 'delete') continue
    for (const [attribute, known, noun] of [
      ['users', principals.users, 'sub-user'],
      ['groups', principals.groups, 'user group'],
    ] as const) {
      const had = new Set(ids(change.before?.[attribute]))
      const missing = ids(change.after?.[attribute]).filter((id) => !had.has(id) && !known.includes(id))
      if (missing.length === 0) continue
      const have = known.length > 0 ? `it has ${known.slice(0, 5).join(', ')}${known.length > 5 ? ', …' : ''}` : `it has none`
      yield {
        code: 'plan/unknown-principal',
        message: `policy ${change.name} is attached to ${noun}${missing.length === 1 ? '' : 's'} ${missing.join(', ')}, which the account does not have (${have})`,
        address: change.address,
        attribute: `attach.${attribute}`,
        blocks: change.address,
      }
    }
  }
}
