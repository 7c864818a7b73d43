import {effective} from '../../../config/schema.js'
import {type Attributes, type Change, type Json, policyAddress, type Resource} from '../../../model/resource.js'
import {type KindContext, refuse} from '../context.js'

/** CAM limits: document length, custom policies per account, policies attached to one user or group. */
export const MAX_CUSTOM_POLICIES = 1500
export const MAX_ATTACHED_POLICIES = 200
const FIRST_CUSTOM_POLICY_ID = 10000001
const POLICY_NAME = /^[A-Za-z0-9+=,.@_-]{1,128}$/
const ACTION = /^(?:\*|name\/[a-z][a-z0-9]*:[A-Za-z0-9*]+)$/
const RESOURCE = /^(?:\*|qcs:[^:]*:[a-z][a-z0-9]*:[^:]*:[^:]*:.+)$/

interface PolicyRow {
  policy_id: number
  name: string
  description: string
  document: string
  type: 1 | 2
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value])

/** The CAM policy grammar (syntax 2.0), as the service checks it: why a document is refused, if it is. */
function documentProblem(text: string): string | undefined {
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch {
    return 'the policy document is not JSON'
  }
  if (!document || typeof document !== 'object' || Array.isArray(document)) return 'the policy document must be an object'
  const {version, statement, ...other} = document as Record<string, unknown>
  if (Object.keys(other).length > 0) return `unknown element ${Object.keys(other)[0]}`
  if (version !== '2.0') return 'version must be "2.0"'
  if (!Array.isArray(statement) || statement.length === 0) return 'statement must be a non-empty list'
  for (const item of statement) {
    if (!item || typeof item !== 'object') return 'each statement must be an object'
    const {effect, action, resource, condition, ...rest} = item as Record<string, unknown>
    if (Object.keys(rest).length > 0) return `unknown statement element ${Object.keys(rest)[0]}`
    if (effect !== 'allow' && effect !== 'deny') return 'effect must be allow or deny'
    if (action === undefined || !asList(action).every((a) => typeof a === 'string' && ACTION.test(a))) return 'action must be name/<service>:<Action> or *'
    if (resource === undefined || !asList(resource).every((r) => typeof r === 'string' && RESOURCE.test(r)))
      return 'resource must be a six-segment qcs resource or *'
    if (condition !== undefined && (typeof condition !== 'object' || condition === null || Array.isArray(condition))) return 'condition must be an object'
  }
  return undefined
}

function numbers(value: Json | undefined): number[] {
  return Array.isArray(value) ? value.map(Number) : []
}

function attachments(context: KindContext, policyId: number, targetType: 'user' | 'group'): number[] {
  const rows = context
    .sql('SELECT target_id FROM cam_attachments WHERE policy_id = ? AND target_type = ? ORDER BY target_id')
    .all(policyId, targetType) as Array<{target_id: number}>
  return rows.map((row) => row.target_id)
}

function syncAttachments(context: KindContext, policyId: number, targetType: 'user' | 'group', wanted: readonly number[]): void {
  const current = attachments(context, policyId, targetType)
  const table = targetType === 'user' ? 'cam_sub_users' : 'cam_user_groups'
  const column = targetType === 'user' ? 'uin' : 'group_id'
  for (const target of wanted.filter((id) => !current.includes(id))) {
    if (!context.sql(`SELECT 1 FROM ${table} WHERE ${column} = ?`).get(target)) {
      refuse(
        targetType === 'user' ? 'ResourceNotFound.UserNotExist' : 'ResourceNotFound.GroupNotExist',
        `${targetType === 'user' ? 'sub-user' : 'user group'} ${target} does not exist`,
      )
    }
    const attached = (context.sql('SELECT count(*) AS n FROM cam_attachments WHERE target_type = ? AND target_id = ?').get(targetType, target) as {n: number}).n
    if (attached >= MAX_ATTACHED_POLICIES) refuse('InvalidParameter.AttachmentFull', `${target} already has ${MAX_ATTACHED_POLICIES} policies attached`)
    context.sql('INSERT INTO cam_attachments (policy_id, target_type, target_id) VALUES (?, ?, ?)').run(policyId, targetType, target)
  }
  for (const target of current.filter((id) => !wanted.includes(id))) {
    context.sql('DELETE FROM cam_attachments WHERE policy_id = ? AND target_type = ? AND target_id = ?').run(policyId, targetType, target)
  }
}

function checkCustom(context: KindContext, after: Attributes): {document: string; description: string} {
  const document = typeof after.document === 'string' ? after.document : ''
  const maxLength = context.schema.$defs.camPolicyDocument['x-chatcfg-max-json-length'] ?? Number.POSITIVE_INFINITY
  if (document.length > maxLength)
    refuse('InvalidParameter.PolicyDocumentLengthOverLimit', `the policy document is ${document.length} characters; at most ${maxLength}`)
  const problem = documentProblem(document)
  if (problem) refuse('InvalidParameter.PolicyDocumentError', problem)
  const description = typeof after.description === 'string' ? after.description : ''
  const policy = effective(context.schema, context.schema.$defs.policy)
  const descriptionBytes = effective(context.schema, policy.properties?.description ?? {})['x-chatcfg-max-bytes'] ?? Number.POSITIVE_INFINITY
  if (Buffer.byteLength(description, 'utf8') > descriptionBytes)
    refuse('InvalidParameter.DescriptionLengthOverlimit', `the description is longer than ${descriptionBytes} bytes`)
  return {document, description}
}

function findPolicy(context: KindContext, name: string): PolicyRow | undefined {
  return context.sql('SELECT policy_id, name, description, document, type FROM cam_policies WHERE name = ?').get(name) as PolicyRow | undefined
}

/** CAM policies (custom ones and attachments of preset ones): names unique, the grammar and size limits, attachment limits. */
export function applyPolicy(context: KindContext, change: Change): void {
  const after = change.after ?? {}
  const row = findPolicy(context, change.name)
  const preset = change.action === 'delete' ? row?.type === 2 : after.type === 'preset'
  if (preset) {
    if (row?.type !== 2) refuse('ResourceNotFound.PolicyIdNotFound', `there is no preset policy ${change.name}`)
    syncAttachments(context, row.policy_id, 'user', numbers(after.users))
    syncAttachments(context, row.policy_id, 'group', numbers(after.groups))
    return
  }
  switch (change.action) {
    case 'create': {
      if (!POLICY_NAME.test(change.name)) refuse('InvalidParameter.PolicyNameError', `"${change.name}" is not a valid policy name`)
      if (row) refuse('FailedOperation.PolicyNameInUse', `policy name ${change.name} is in use`)
      const custom = context.sql('SELECT count(*) AS n, max(policy_id) AS last FROM cam_policies WHERE type = 1').get() as {
        n: number
        last: number | null
      }
      if (custom.n >= MAX_CUSTOM_POLICIES) refuse('FailedOperation.PolicyFull', `the account already has ${MAX_CUSTOM_POLICIES} custom policies`)
      const {document, description} = checkCustom(context, after)
      const policyId = Math.max(custom.last ?? FIRST_CUSTOM_POLICY_ID - 1, FIRST_CUSTOM_POLICY_ID - 1) + 1
      context
        .sql('INSERT INTO cam_policies (policy_id, name, description, document, type, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)')
        .run(policyId, change.name, description, document, context.now(), context.now())
      syncAttachments(context, policyId, 'user', numbers(after.users))
      syncAttachments(context, policyId, 'group', numbers(after.groups))
      return
    }
    case 'update': {
      if (row?.type !== 1) refuse('ResourceNotFound.PolicyIdNotFound', `policy ${change.name} does not exist`)
      const {document, description} = checkCustom(context, after)
      context
        .sql('UPDATE cam_policies SET document = ?, description = ?, updated_at = ? WHERE policy_id = ?')
        .run(document, description, context.now(), row.policy_id)
      syncAttachments(context, row.policy_id, 'user', numbers(after.users))
      syncAttachments(context, row.policy_id, 'group', numbers(after.groups))
      return
    }
    case 'delete':
      if (!row) refuse('ResourceNotFound.PolicyIdNotFound', `policy ${change.name} does not exist`)
      context.sql('DELETE FROM cam_policies WHERE policy_id = ?').run(row.policy_id)
  }
}

/** Custom policies, and preset policies that are attached to someone. */
export function readPolicies(context: KindContext): Resource[] {
  const rows = context.sql('SELECT policy_id, name, description, document, type, created_at, updated_at FROM cam_policies ORDER BY name').all() as Array<
    PolicyRow & {created_at: number; updated_at: number}
  >
  return rows.flatMap((row): Resource[] => {
    const users = attachments(context, row.policy_id, 'user')
    const groups = attachments(context, row.policy_id, 'group')
    if (row.type === 2 && users.length === 0 && groups.length === 0) return []
    const attributes: Attributes =
      row.type === 2 ? {type: 'preset', users, groups} : {type: 'custom', description: row.description, document: row.document, users, groups}
    return [
      {
        kind: 'policy',
        address: policyAddress(row.name),
        name: row.name,
        attributes,
        computed: {policyId: row.policy_id, createdAt: row.created_at, updatedAt: row.updated_at},
      },
    ]
  })
}
