import {parseTc3Authorization, signaturesEqual, tc3Date, tc3Signature} from '../../../auth/tc3.js'
import type {Attributes, Json, Resource} from '../../../model/resource.js'
import {policyAddress} from '../../../model/resource.js'
import {CLOUD_API_VERSIONS, camRate, imAppResource, parseImAppResource} from '../../../wire/cloud-api.js'
import {ServiceError} from '../../errors.js'
import type {Emulator} from '../emulator.js'
import type {RateLimiter} from './rate-limit.js'

/** The API key pair the served emulator accepts, standing in for the account's CAM key. */
export interface CloudCredentials {
  readonly secretId: string
  readonly secretKey: string
}

type Handler = (emulator: Emulator, params: Record<string, unknown>) => Promise<Record<string, unknown>>

const fail = (code: string, message: string): never => {
  throw new ServiceError(code, message)
}

function integer(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) fail('InvalidParameter', `${name} must be an integer`)
  return value as number
}

function policyById(emulator: Emulator, policyId: number): {resource?: Resource; preset?: {name: string}} {
  const resource = emulator.policies().find((p) => p.computed?.policyId === policyId)
  if (resource) return {resource}
  const preset = emulator.presetPolicies().find((p) => p.policyId === policyId)
  if (preset) return {preset}
  return fail('ResourceNotFound.PolicyIdNotFound', `policy ${policyId} does not exist`)
}

/** Changes who a policy is attached to, through the emulator's whole-policy model. */
async function reattach(emulator: Emulator, policyId: number, target: 'users' | 'groups', id: number, attach: boolean): Promise<void> {
  const {resource, preset} = policyById(emulator, policyId)
  const name = resource?.name ?? preset?.name ?? ''
  const before: Attributes = resource?.attributes ?? {type: 'preset', users: [], groups: []}
  const current = Array.isArray(before[target]) ? (before[target] as number[]) : []
  if (attach === current.includes(id)) return
  const next = attach ? [...current, id].sort((a, b) => a - b) : current.filter((t) => t !== id)
  await emulator.apply({action: 'update', kind: 'policy', address: policyAddress(name), name, before, after: {...before, [target]: next}})
}

function seconds(ms: unknown): string {
  return typeof ms === 'number' ? new Date(ms).toISOString().replace('T', ' ').slice(0, 19) : ''
}

const CAM: Readonly<Record<string, Handler>> = {
  CreatePolicy: async (emulator, params) => {
    const name = typeof params.PolicyName === 'string' ? params.PolicyName : fail('InvalidParameter.PolicyNameError', 'PolicyName is required')
    const document =
      typeof params.PolicyDocument === 'string' ? params.PolicyDocument : fail('InvalidParameter.PolicyDocumentError', 'PolicyDocument is required')
    const description = typeof params.Description === 'string' ? params.Description : ''
    await emulator.apply({
      action: 'create',
      kind: 'policy',
      address: policyAddress(name),
      name,
      after: {type: 'custom', description, document, users: [], groups: []},
    })
    return {PolicyId: emulator.policies().find((p) => p.name === name)?.computed?.policyId}
  },
  UpdatePolicy: async (emulator, params) => {
    const {resource} = policyById(emulator, integer(params.PolicyId, 'PolicyId'))
    if (!resource) return fail('InvalidParameter.PolicyIdError', 'preset policies cannot be changed')
    if (params.PolicyName !== undefined && params.PolicyName !== resource.name) fail('UnknownParameter', 'PolicyName cannot be changed on this service')
    const after: Attributes = {...resource.attributes}
    if (typeof params.PolicyDocument === 'string') after.document = params.PolicyDocument
    if (typeof params.Description === 'string') after.description = params.Description
    await emulator.apply({action: 'update', kind: 'policy', address: resource.address, name: resource.name, before: resource.attributes, after})
    return {}
  },
  DeletePolicy: async (emulator, params) => {
    const ids = Array.isArray(params.PolicyId) ? params.PolicyId : fail('InvalidParameter', 'PolicyId must be a list of integers')
    for (const id of ids as unknown[]) {
      const {resource} = policyById(emulator, integer(id, 'PolicyId'))
      if (!resource) fail('InvalidParameter.PolicyIdError', 'preset policies cannot be deleted')
      else await emulator.apply({action: 'delete', kind: 'policy', address: resource.address, name: resource.name, before: resource.attributes})
    }
    return {}
  },
  GetPolicy: async (emulator, params) => {
    const {resource, preset} = policyById(emulator, integer(params.PolicyId, 'PolicyId'))
    if (!resource) return {PolicyName: preset?.name, Description: '', Type: 2, PolicyDocument: ''}
    return {
      PolicyName: resource.name,
      Description: resource.attributes.description ?? '',
      Type: 1,
      AddTime: seconds(resource.computed?.createdAt),
      UpdateTime: seconds(resource.computed?.updatedAt),
      PolicyDocument: resource.attributes.document,
    }
  },
  ListPolicies: async (emulator, params) => {
    const rp = typeof params.Rp === 'number' ? params.Rp : 20
    const page = typeof params.Page === 'number' ? params.Page : 1
    if (!Number.isInteger(rp) || rp < 1 || rp > 200 || !Number.isInteger(page) || page < 1) fail('InvalidParameter', 'Rp must be 1 to 200 and Page at least 1')
    const scope = typeof params.Scope === 'string' ? params.Scope : 'All'
    const keyword = typeof params.Keyword === 'string' ? params.Keyword : ''
    const custom = emulator.policies().filter((p) => p.attributes.type === 'custom')
    const customRows = custom.map((p) => listRow(p.computed?.policyId, p.name, 1, p))
    const presetRows = emulator.presetPolicies().map((p) =>
      listRow(
        p.policyId,
        p.name,
        2,
        emulator.policies().find((r) => r.name === p.name),
      ),
    )
    const rows = [...(scope === 'QCS' ? [] : customRows), ...(scope === 'Local' ? [] : presetRows)].filter((row) => row.PolicyName.includes(keyword))
    return {TotalNum: rows.length, List: rows.slice((page - 1) * rp, page * rp)}
  },
  AttachUserPolicy: async (emulator, params) => {
    await reattach(emulator, integer(params.PolicyId, 'PolicyId'), 'users', integer(params.AttachUin, 'AttachUin'), true)
    return {}
  },
  DetachUserPolicy: async (emulator, params) => {
    await reattach(emulator, integer(params.PolicyId, 'PolicyId'), 'users', integer(params.DetachUin, 'DetachUin'), false)
    return {}
  },
  AttachGroupPolicy: async (emulator, params) => {
    await reattach(emulator, integer(params.PolicyId, 'PolicyId'), 'groups', integer(params.AttachGroupId, 'AttachGroupId'), true)
    return {}
  },
  DetachGroupPolicy: async (emulator, params) => {
    await reattach(emulator, integer(params.PolicyId, 'PolicyId'), 'groups', integer(params.DetachGroupId, 'DetachGroupId'), false)
    return {}
  },
  ListEntitiesForPolicy: async (emulator, params) => {
    const {resource} = policyById(emulator, integer(params.PolicyId, 'PolicyId'))
    const named = resource ?? emulator.policies().find((p) => p.computed?.policyId === params.PolicyId)
    const users = (named?.attributes.users as number[] | undefined) ?? []
    const groups = (named?.attributes.groups as number[] | undefined) ?? []
    const list = [...users.map((uin) => ({Id: uin, Uin: uin, RelatedType: 1})), ...groups.map((id) => ({Id: id, RelatedType: 2}))]
    return {TotalNum: list.length, List: list}
  },
}

function listRow(policyId: Json | undefined, name: string, type: 1 | 2, policy: Resource | undefined) {
  const description = type === 1 ? (policy?.attributes.description ?? '') : ''
  const addTime = type === 1 ? seconds(policy?.computed?.createdAt) : ''
  return {
    PolicyId: policyId,
    PolicyName: name,
    Type: type,
    Description: description,
    AddTime: addTime,
    CreateMode: type === 1 ? 2 : 1,
    Attachments: attachedCount(policy),
  }
}

function attachedCount(policy: Resource | undefined): number {
  if (!policy) return 0
  return ((policy.attributes.users as Json[] | undefined) ?? []).length + ((policy.attributes.groups as Json[] | undefined) ?? []).length
}

function appOfResource(emulator: Emulator, resource: unknown) {
  const parsed = typeof resource === 'string' ? parseImAppResource(resource) : undefined
  if (!parsed || parsed.uin !== emulator.rootUin())
    return fail('InvalidParameter.ResourceDescriptionError', `${String(resource)} is not an IM app of this account`)
  return emulator.appBySdkAppId(parsed.sdkAppId) ?? fail('ResourceNotFound', `no IM app ${parsed.sdkAppId} in this account`)
}

const TAG: Readonly<Record<string, Handler>> = {
  DescribeResourceTagsByResourceIds: async (emulator, params) => {
    if (params.ServiceType !== 'im' || params.ResourcePrefix !== 'sdkappid') fail('InvalidParameter', 'ServiceType must be im and ResourcePrefix sdkappid')
    const ids = Array.isArray(params.ResourceIds) ? (params.ResourceIds as unknown[]).map(String) : fail('MissingParameter', 'ResourceIds is required')
    const tags = ids.flatMap((id) => {
      const resource = emulator.appResource(Number(id))
      const values = (resource?.attributes.tags as Record<string, string> | undefined) ?? {}
      return Object.entries(values).map(([TagKey, TagValue]) => ({TagKey, TagValue, ResourceId: id}))
    })
    const offset = typeof params.Offset === 'number' ? params.Offset : 0
    const limit = typeof params.Limit === 'number' ? params.Limit : 15
    return {TotalCount: tags.length, Offset: offset, Limit: limit, Tags: tags.slice(offset, offset + limit)}
  },
  ModifyResourceTags: async (emulator, params) => {
    const app = appOfResource(emulator, params.Resource)
    const replace = Array.isArray(params.ReplaceTags) ? (params.ReplaceTags as Array<{TagKey: string; TagValue: string}>) : []
    const remove = Array.isArray(params.DeleteTags) ? (params.DeleteTags as Array<{TagKey: string}>).map((t) => t.TagKey) : []
    if (replace.length === 0 && remove.length === 0) fail('MissingParameter', 'ReplaceTags or DeleteTags is required')
    if (replace.some((t) => remove.includes(t.TagKey))) fail('InvalidParameter', 'a tag key cannot be both replaced and deleted')
    const current = emulator.appResource(app.sdkAppId)
    if (!current) return fail('ResourceNotFound', 'the app is gone')
    const tags: Record<string, Json> = {...((current.attributes.tags as Record<string, Json>) ?? {})}
    for (const key of remove) delete tags[key]
    for (const tag of replace) tags[tag.TagKey] = tag.TagValue
    await emulator.apply({
      action: 'update',
      kind: 'app',
      address: current.address,
      appKey: app.appKey,
      name: app.appKey,
      before: current.attributes,
      after: {...current.attributes, tags},
    })
    return {}
  },
}

const SERVICES: Readonly<Record<string, Readonly<Record<string, Handler>>>> = {cam: CAM, tag: TAG}

export interface CloudAnswer {
  readonly status: number
  readonly body: {Response: Record<string, unknown>}
}

export interface CloudServiceOptions {
  readonly credentials: CloudCredentials
  readonly limiter: RateLimiter
  readonly nowSeconds: () => number
  readonly requestId: () => string
  readonly onCall?: (endpoint: string, throttled: boolean) => void
}

/**
 * Answers one API 3.0 call: the TC3 signature (key, scope, clock skew, every signed header, the body),
 * the action's rate limit, then the action, with the API 3.0 envelope and HTTP 200 either way.
 */
export async function answerCloudApi(
  emulator: Emulator,
  headers: Readonly<Record<string, string | undefined>>,
  rawBody: Buffer,
  options: CloudServiceOptions,
): Promise<CloudAnswer> {
  const RequestId = options.requestId()
  const error = (Code: string, Message: string): CloudAnswer => ({status: 200, body: {Response: {Error: {Code, Message}, RequestId}}})
  const action = headers['x-tc-action'] ?? ''
  const authorization = parseTc3Authorization(headers.authorization ?? '')
  if (!authorization) return error('AuthFailure.SignatureFailure', 'the Authorization header is missing or not TC3-HMAC-SHA256')
  const timestamp = Number(headers['x-tc-timestamp'])
  if (!Number.isSafeInteger(timestamp)) return error('MissingParameter', 'X-TC-Timestamp is required')
  if (Math.abs(options.nowSeconds() - timestamp) > 300)
    return error('AuthFailure.SignatureExpire', 'the request timestamp is more than 5 minutes away from the server clock')
  if (authorization.secretId !== options.credentials.secretId) return error('AuthFailure.SecretIdNotFound', 'the SecretId is not known')
  if (!authorization.signedHeaders.includes('host') || !authorization.signedHeaders.includes('content-type'))
    return error('AuthFailure.SignatureFailure', 'content-type and host must be signed')
  const signedValues = Object.fromEntries(authorization.signedHeaders.map((name) => [name, headers[name] ?? '']))
  const expected = tc3Signature(options.credentials.secretKey, {
    method: 'POST',
    query: '',
    headers: signedValues,
    signedHeaders: authorization.signedHeaders,
    payload: rawBody,
    service: authorization.service,
    timestamp,
  })
  if (authorization.date !== tc3Date(timestamp) || !signaturesEqual(expected, authorization.signature))
    return error('AuthFailure.SignatureFailure', 'the request signature does not match')
  const service = authorization.service
  // Own properties only: an action named constructor or toString is no action.
  const handlers = Object.hasOwn(SERVICES, service) ? SERVICES[service] : undefined
  const handler = handlers && Object.hasOwn(handlers, action) ? handlers[action] : undefined
  if (!handlers || !handler) return error('InvalidAction', `${service}:${action} is not an action of this service`)
  if (headers['x-tc-version'] !== CLOUD_API_VERSIONS[service as keyof typeof CLOUD_API_VERSIONS])
    return error('NoSuchVersion', `${service} answers version ${CLOUD_API_VERSIONS[service as keyof typeof CLOUD_API_VERSIONS]}`)
  const endpoint = `${service}:${action}`
  if (!options.limiter.take(`${authorization.secretId}/${endpoint}`, camRate(endpoint))) {
    options.onCall?.(endpoint, true)
    return error('RequestLimitExceeded', `${endpoint} allows ${camRate(endpoint)} requests per second`)
  }
  options.onCall?.(endpoint, false)
  let params: unknown
  try {
    params = rawBody.length === 0 ? {} : JSON.parse(rawBody.toString('utf8'))
  } catch {
    return error('InvalidParameter', 'the request body is not JSON')
  }
  if (!params || typeof params !== 'object' || Array.isArray(params)) return error('InvalidParameter', 'the request body must be a JSON object')
  try {
    return {status: 200, body: {Response: {...(await handler(emulator, params as Record<string, unknown>)), RequestId}}}
  } catch (cause) {
    if (cause instanceof ServiceError && cause.outcomeUnknown) throw cause
    if (cause instanceof ServiceError) {
      const code = typeof cause.code === 'number' ? (cause.code === 60007 ? 'RequestLimitExceeded' : 'InternalError') : cause.code
      return error(code, cause.message)
    }
    return error('InternalError', 'internal error')
  }
}

export {imAppResource}
