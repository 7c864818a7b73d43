import {type Json, policyAddress, type Resource} from '../../../model/resource.js'
import {samePolicyDocument} from '../../../wire/cloud-api.js'
import {ServiceError} from '../../errors.js'
import type {CloudContext, CloudKind} from './context.js'

type Scope = 'Local' | 'QCS'

const numbers = (value: Json | undefined): number[] => (Array.isArray(value) ? value.map(Number) : [])

/** An entity a policy is attached to: `Id` is its own ID as text (a sub-user's is not its UIN, which comes in `Uin`). */
interface AttachedEntity {
  readonly Id: string | number
  readonly Uin?: number
  readonly RelatedType: number
}

async function entities(context: CloudContext, policyId: number): Promise<{users: number[]; groups: number[]}> {
  const list: AttachedEntity[] = []
  for (let page = 1; ; page++) {
    const answer = await context.cloud.call('cam', 'ListEntitiesForPolicy', {PolicyId: policyId, Rp: 200, Page: page}, true)
    const entries = (answer.List as AttachedEntity[] | undefined) ?? []
    list.push(...entries)
    if (entries.length < 200 || list.length >= Number(answer.TotalNum ?? 0)) break
  }
  return {
    // Attachments are declared, attached and detached by UIN.
    users: list
      .filter((e) => e.RelatedType === 1)
      .map((e) => Number(e.Uin))
      .sort((a, b) => a - b),
    groups: list
      .filter((e) => e.RelatedType === 2)
      .map((e) => Number(e.Id))
      .sort((a, b) => a - b),
  }
}

/**
 * The live document as desired state spells it when the two say the same (CAM writes it again, escaping
 * slashes), otherwise as parsed and written plainly, so a difference shows without the service's escapes.
 */
function liveDocument(live: string, declared: string | undefined): string {
  if (declared !== undefined && samePolicyDocument(live, declared)) return declared
  try {
    return JSON.stringify(JSON.parse(live))
  } catch {
    return live
  }
}

async function listPolicies(context: CloudContext, scope: Scope, keyword?: string): Promise<Array<{PolicyId: number; PolicyName: string}>> {
  const all: Array<{PolicyId: number; PolicyName: string}> = []
  for (let page = 1; ; page++) {
    const answer = await context.cloud.call('cam', 'ListPolicies', {Scope: scope, Rp: 200, Page: page, ...(keyword ? {Keyword: keyword} : {})}, true)
    const list = (answer.List as Array<{PolicyId: number; PolicyName: string}> | undefined) ?? []
    all.push(...list)
    if (list.length < 200 || all.length >= Number(answer.TotalNum ?? 0)) return all
  }
}

/** The policies desired state names: custom ones in full, presets with their attachments (only when attached). */
export async function readPolicies(context: CloudContext): Promise<Resource[]> {
  const presetNames = context.declared.presetPolicies
  // Only the policies the configuration names are read in full: an account may hold hundreds of others.
  const named = new Set(context.declared.customPolicies)
  const custom = (await listPolicies(context, 'Local')).filter((p) => named.has(p.PolicyName))
  const presets = (await Promise.all(presetNames.map((name) => listPolicies(context, 'QCS', name)))).flat().filter((p) => presetNames.includes(p.PolicyName))
  const resources = await Promise.all([
    ...custom.map(async (p): Promise<Resource> => {
      context.policyIds.set(p.PolicyName, p.PolicyId)
      const [policy, attached] = await Promise.all([context.cloud.call('cam', 'GetPolicy', {PolicyId: p.PolicyId}, true), entities(context, p.PolicyId)])
      const document = liveDocument(String(policy.PolicyDocument ?? ''), context.declared.policyDocuments.get(p.PolicyName))
      return {
        kind: 'policy',
        address: policyAddress(p.PolicyName),
        name: p.PolicyName,
        attributes: {type: 'custom', description: String(policy.Description ?? ''), document, ...attached},
        computed: {policyId: p.PolicyId},
      }
    }),
    ...presets.map(async (p): Promise<Resource | undefined> => {
      context.policyIds.set(p.PolicyName, p.PolicyId)
      const attached = await entities(context, p.PolicyId)
      if (attached.users.length === 0 && attached.groups.length === 0) return undefined
      return {
        kind: 'policy',
        address: policyAddress(p.PolicyName),
        name: p.PolicyName,
        attributes: {type: 'preset', ...attached},
        computed: {policyId: p.PolicyId},
      }
    }),
  ])
  return resources.filter((r): r is Resource => r !== undefined)
}

async function policyId(context: CloudContext, name: string, scope: Scope): Promise<number> {
  const known = context.policyIds.get(name)
  if (known !== undefined) return known
  const found = (await listPolicies(context, scope, name)).find((p) => p.PolicyName === name)
  if (!found) throw new ServiceError('ResourceNotFound.PolicyIdNotFound', `there is no ${scope === 'QCS' ? 'preset ' : ''}policy ${name}`)
  context.policyIds.set(name, found.PolicyId)
  return found.PolicyId
}

/** CAM policies through API 3.0: custom ones created, updated and deleted; presets only attached and detached. */
export const policyKind: CloudKind = {
  async apply(context, change) {
    const after = change.after ?? {}
    const before = change.before ?? {}
    const preset = (change.after ?? change.before)?.type === 'preset'
    if (change.action === 'delete' && !preset) {
      await context.cloud.call('cam', 'DeletePolicy', {PolicyId: [await policyId(context, change.name, 'Local')]})
      context.policyIds.delete(change.name)
      return
    }
    let id: number
    if (change.action === 'create' && !preset) {
      const created = await context.cloud.call('cam', 'CreatePolicy', {
        PolicyName: change.name,
        PolicyDocument: String(after.document ?? ''),
        Description: String(after.description ?? ''),
      })
      id = Number(created.PolicyId)
      context.policyIds.set(change.name, id)
    } else {
      id = await policyId(context, change.name, preset ? 'QCS' : 'Local')
      const changed = !samePolicyDocument(String(after.document ?? ''), String(before.document ?? '')) || after.description !== before.description
      if (!preset && changed) {
        await context.cloud.call('cam', 'UpdatePolicy', {
          PolicyId: id,
          PolicyDocument: String(after.document ?? ''),
          Description: String(after.description ?? ''),
        })
      }
    }
    for (const [target, attach, detach, attachKey, detachKey] of [
      ['users', 'AttachUserPolicy', 'DetachUserPolicy', 'AttachUin', 'DetachUin'],
      ['groups', 'AttachGroupPolicy', 'DetachGroupPolicy', 'AttachGroupId', 'DetachGroupId'],
    ] as const) {
      const had = numbers(before[target])
      const want = change.action === 'delete' ? [] : numbers(after[target])
      for (const entity of want.filter((entity) => !had.includes(entity))) await context.cloud.call('cam', attach, {PolicyId: id, [attachKey]: entity})
      for (const entity of had.filter((entity) => !want.includes(entity))) await context.cloud.call('cam', detach, {PolicyId: id, [detachKey]: entity})
    }
  },
}
