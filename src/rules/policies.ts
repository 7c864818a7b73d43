import {compileStatements} from '../model/policy.js'
import type {Rule} from './rule.js'

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
