import {parseTc3Authorization, signaturesEqual, tc3Date, tc3Signature} from '../../../auth/tc3.js'
import {fromServiceTags, serviceTags} from '../../../model/kinds/app.js'
import type {Attributes, Json, Resource} from '../../../model/resource.js'
import {policyAddress} from '../../../model/resource.js'
import {
  CLOUD_API_ACTIONS,
  CLOUD_API_VERSIONS,
  type CloudService,
  camRate,
  IM_APP_TAG_RESOURCE,
  MAX_RESOURCE_IDS,
  MAX_TAGS_PER_CHANGE,
  parseImAppResource,
} from '../../../wire/cloud-api.js'
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

/** An integer parameter: a JSON number in a POST body, its decimal text in a GET query. */
function integer(value: unknown, name: string): number {
  const number = typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) fail('InvalidParameter', `${name} must be an integer`)
  return number as number
}

function optionalInteger(value: unknown, name: string, fallback: number): number {
  return value === undefined ? fallback : integer(value, name)
}

/** A list parameter: a JSON array in a POST body, `Name.0`, `Name.1`, … in a GET query. */
function listParam(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined
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
  await emulator.store({action: 'update', kind: 'policy', address: policyAddress(name), name, before, after: {...before, [target]: next}})
}

/**
 * The document as CAM hands it back: parsed and written again, with every slash escaped. The official
 * examples create `"name/cos:*"` and read back `"name\\/cos:*"`.
 */
function reserialised(document: string): string {
  try {
    return JSON.stringify(JSON.parse(document)).replaceAll('/', '\\/')
  } catch {
    return document
  }
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
    await emulator.store({
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
    await emulator.store({action: 'update', kind: 'policy', address: resource.address, name: resource.name, before: resource.attributes, after})
    return {}
  },
  DeletePolicy: async (emulator, params) => {
    const ids = listParam(params.PolicyId) ?? fail('InvalidParameter', 'PolicyId must be a list of integers')
    for (const id of ids as unknown[]) {
      const {resource} = policyById(emulator, integer(id, 'PolicyId'))
      if (!resource) fail('InvalidParameter.PolicyIdError', 'preset policies cannot be deleted')
      else await emulator.store({action: 'delete', kind: 'policy', address: resource.address, name: resource.name, before: resource.attributes})
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
      PolicyDocument: reserialised(String(resource.attributes.document ?? '')),
    }
  },
  ListPolicies: async (emulator, params) => {
    const rp = optionalInteger(params.Rp, 'Rp', 20)
    const page = optionalInteger(params.Page, 'Page', 1)
    if (rp < 1 || rp > 200 || page < 1) fail('InvalidParameter', 'Rp must be 1 to 200 and Page at least 1')
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
    const policyId = integer(params.PolicyId, 'PolicyId')
    const {resource, preset} = policyById(emulator, policyId)
    const named = resource ?? emulator.policies().find((p) => p.name === preset?.name)
    const users = (named?.attributes.users as number[] | undefined) ?? []
    const groups = (named?.attributes.groups as number[] | undefined) ?? []
    // Id is the entity's own ID, as text: a sub-user's internal ID (not its UIN, which comes in Uin), or the group's ID.
    const list = [...users.map((uin) => ({Id: emulator.subUserId(uin), Uin: uin, RelatedType: 1})), ...groups.map((id) => ({Id: String(id), RelatedType: 2}))]
    const rp = optionalInteger(params.Rp, 'Rp', 20)
    const page = optionalInteger(params.Page, 'Page', 1)
    if (rp < 1 || page < 1) fail('InvalidParameter', 'Rp and Page must be at least 1')
    return {TotalNum: list.length, List: list.slice((page - 1) * rp, page * rp)}
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

/**
 * A tag list of ModifyResourceTags: it may be left out, but when given it holds 1 to 10 tags, each with a
 * TagKey (and, to replace, a TagValue).
 */
function tagList(value: unknown, name: string, withValue: boolean): Array<{TagKey: string; TagValue: string}> {
  if (value === undefined) return []
  const items = listParam(value) ?? fail('InvalidParameter', `${name} must be a list`)
  if (items.length === 0) fail('InvalidParameter', `${name} may be left out but not empty`)
  if (items.length > MAX_TAGS_PER_CHANGE) fail('InvalidParameterValue', `${name} holds at most ${MAX_TAGS_PER_CHANGE} tags`)
  return items.map((item) => {
    const {TagKey, TagValue} = (item && typeof item === 'object' ? item : {}) as {TagKey?: unknown; TagValue?: unknown}
    if (typeof TagKey !== 'string' || TagKey === '' || (withValue && typeof TagValue !== 'string'))
      fail('InvalidParameter', `each item of ${name} needs a TagKey${withValue ? ' and a TagValue' : ''}`)
    return {TagKey: TagKey as string, TagValue: withValue ? (TagValue as string) : ''}
  })
}

const TAG: Readonly<Record<string, Handler>> = {
  DescribeResourceTagsByResourceIds: async (emulator, params) => {
    const {serviceType, resourcePrefix} = IM_APP_TAG_RESOURCE
    if (params.ServiceType !== serviceType || params.ResourcePrefix !== resourcePrefix)
      fail('InvalidParameter', `ServiceType must be ${serviceType} and ResourcePrefix ${resourcePrefix}`)
    const ids = (listParam(params.ResourceIds) ?? fail('MissingParameter', 'ResourceIds is required')).map(String)
    if (ids.length === 0 || ids.length > MAX_RESOURCE_IDS) fail('InvalidParameterValue', `ResourceIds takes 1 to ${MAX_RESOURCE_IDS} resource IDs`)
    const tags = ids.flatMap((id) => {
      const resource = emulator.appResource(Number(id))
      const values = resource ? serviceTags(resource.attributes) : {}
      return Object.entries(values).map(([TagKey, TagValue]) => ({TagKey, TagValue, ResourceId: id}))
    })
    const offset = optionalInteger(params.Offset, 'Offset', 0)
    const limit = optionalInteger(params.Limit, 'Limit', 15)
    if (limit < 1 || limit > 100 || offset < 0 || offset % limit !== 0) fail('InvalidParameterValue', 'Limit must be 1 to 100 and Offset a multiple of Limit')
    return {TotalCount: tags.length, Offset: offset, Limit: limit, Tags: tags.slice(offset, offset + limit)}
  },
  ModifyResourceTags: async (emulator, params) => {
    const app = appOfResource(emulator, params.Resource)
    const replace = tagList(params.ReplaceTags, 'ReplaceTags', true)
    const remove = tagList(params.DeleteTags, 'DeleteTags', false).map((t) => t.TagKey)
    if (replace.length === 0 && remove.length === 0) fail('MissingParameter', 'ReplaceTags or DeleteTags is required')
    if (replace.some((t) => remove.includes(t.TagKey))) fail('InvalidParameter', 'a tag key cannot be both replaced and deleted')
    const current = emulator.appResource(app.sdkAppId)
    if (!current) return fail('ResourceNotFound', 'the app is gone')
    const held: Record<string, Json> = serviceTags(current.attributes)
    for (const key of remove) delete held[key]
    for (const tag of replace) held[tag.TagKey] = tag.TagValue
    const {tags, protected: isProtected} = fromServiceTags(held)
    await emulator.store({
      action: 'update',
      kind: 'app',
      address: current.address,
      appKey: app.appKey,
      name: app.appKey,
      before: current.attributes,
      after: {...current.attributes, tags, protected: isProtected},
    })
    return {}
  },
}

const SERVICES: Readonly<Record<CloudService, Readonly<Record<string, Handler>>>> = {cam: CAM, tag: TAG}
const isService = (name: string): name is CloudService => Object.hasOwn(SERVICES, name)

/**
 * The service a request is for. A request to the service's own host (cam.intl.tencentcloudapi.com)
 * names it in the host's first label, as it does for the official SDKs, which also sign that label. A
 * request to the emulator's own address (an SDK given `httpProfile.endpoint` = 127.0.0.1:PORT) names
 * none: its action does, as each action belongs to one service.
 */
function serviceOf(host: string, scope: string, action: string): CloudService | undefined {
  const label = host.split('.')[0] ?? ''
  if (isService(label)) return label
  if (isService(scope)) return scope
  return (Object.keys(CLOUD_API_ACTIONS) as CloudService[]).find((service) => CLOUD_API_ACTIONS[service].includes(action))
}

/** A GET request's parameters: `Name=v`, and `List.0=v` or `List.0.Key=v` for lists of values and of objects. */
export function paramsFromQuery(query: URLSearchParams): Record<string, unknown> {
  type Node = Map<string, Node | string>
  const root: Node = new Map()
  for (const [key, value] of query) {
    const path = key.split('.')
    let node = root
    for (const [depth, part] of path.entries()) {
      if (depth === path.length - 1) {
        node.set(part, value)
        break
      }
      const next = node.get(part)
      if (next instanceof Map) node = next
      else {
        const child: Node = new Map()
        node.set(part, child)
        node = child
      }
    }
  }
  const plain = (node: Node): unknown => {
    const entries = [...node.entries()].map(([key, value]): [string, unknown] => [key, value instanceof Map ? plain(value) : value])
    const indexed = entries.length > 0 && entries.every(([key]) => /^\d+$/.test(key))
    return indexed ? entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, value]) => value) : Object.fromEntries(entries)
  }
  return plain(root) as Record<string, unknown>
}

export interface CloudRequest {
  readonly method: string
  /** The query string as sent, without its `?`. */
  readonly query: string
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly body: Buffer
}

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
 * Answers one API 3.0 call, POST with a JSON body or GET with the parameters in the query: the TC3
 * signature (key, scope, clock skew, every signed header, the host as signed — its name without a port —
 * the query and the body), the action's rate limit, then the action, with the API 3.0 envelope and HTTP
 * 200 either way.
 */
export async function answerCloudApi(emulator: Emulator, request: CloudRequest, options: CloudServiceOptions): Promise<CloudAnswer> {
  const {headers} = request
  const RequestId = options.requestId()
  const error = (Code: string, Message: string): CloudAnswer => ({status: 200, body: {Response: {Error: {Code, Message}, RequestId}}})
  const method = request.method.toUpperCase()
  if (method !== 'POST' && method !== 'GET') return error('UnsupportedOperation', 'only POST and GET are accepted')
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
  // Clients sign the host's name: the port, which the service's own hosts never show, is not part of it.
  const host = new URL(`http://${headers.host ?? ''}`).hostname.replace(/^\[|\]$/g, '')
  const signedValues = Object.fromEntries(authorization.signedHeaders.map((name) => [name, name === 'host' ? host : (headers[name] ?? '')]))
  const expected = tc3Signature(options.credentials.secretKey, {
    method,
    query: method === 'GET' ? request.query : '',
    headers: signedValues,
    signedHeaders: authorization.signedHeaders,
    payload: method === 'GET' ? '' : request.body,
    service: authorization.service,
    timestamp,
  })
  if (authorization.date !== tc3Date(timestamp) || !signaturesEqual(expected, authorization.signature))
    return error('AuthFailure.SignatureFailure', 'the request signature does not match')
  const service = serviceOf(host, authorization.service, action)
  // Own properties only: an action named constructor or toString is no action.
  const handlers = service ? SERVICES[service] : undefined
  const handler = handlers && Object.hasOwn(handlers, action) ? handlers[action] : undefined
  if (!service || !handler) return error('InvalidAction', `${service ?? authorization.service}:${action} is not an action of this service`)
  if (headers['x-tc-version'] !== CLOUD_API_VERSIONS[service]) return error('NoSuchVersion', `${service} answers version ${CLOUD_API_VERSIONS[service]}`)
  const endpoint = `${service}:${action}`
  if (!options.limiter.take(`${authorization.secretId}/${endpoint}`, camRate(endpoint))) {
    options.onCall?.(endpoint, true)
    return error('RequestLimitExceeded', `${endpoint} allows ${camRate(endpoint)} requests per second`)
  }
  options.onCall?.(endpoint, false)
  let params: unknown
  try {
    params = method === 'GET' ? paramsFromQuery(new URLSearchParams(request.query)) : request.body.length === 0 ? {} : JSON.parse(request.body.toString('utf8'))
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
