import {createHmac} from 'node:crypto'
import {posix} from 'node:path'
import type {ChatcfgConfig} from '../config/generated/config.js'
import {canonicalJson} from '../model/canonical.js'
import {buildDesired, type DesiredResource} from '../model/desired.js'
import type {Json} from '../model/resource.js'
import {FINGERPRINT, isSecretMark} from '../model/secret.js'
import {hash} from '../plan/fingerprint.js'

/** One Terraform resource standing for one chatcfg resource: what changes it, and what applies it. */
export interface TerraformResource {
  /** The Terraform resource name (null_resource.<name>). */
  readonly name: string
  readonly address: string
  /** Terraform replaces the resource, and so runs its provisioner, when any of these change. */
  readonly triggers: Readonly<Record<string, string>>
  readonly dependsOn: readonly string[]
  readonly command: string
}

export interface TerraformOptions {
  /** The configuration paths, as the apply command in the provisioner will name them. */
  readonly configPaths: readonly string[]
  /** The folder the provisioner runs in, relative to the Terraform working directory. */
  readonly workingDir: string
  /**
   * Key for secret fingerprints in triggers. Without one, secrets are not tracked: a plain hash would
   * let anyone with the Terraform files guess a weak password.
   */
  readonly fingerprintKey?: string
}

const SECRET_UNTRACKED = 'untracked'

function quote(text: string): string {
  return /^[A-Za-z0-9_./:-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`
}

/** Terraform names allow letters, digits, _ and -; other characters become _, with a hash to keep names apart. */
function terraformName(address: string): string {
  const name = address.replace(/[^A-Za-z0-9_-]/g, '_')
  const clean = address.replace(/\./g, '_') === name
  return clean ? name : `${name}_${hash(address).slice(7, 13)}`
}

/** Readable trigger values: each attribute, flattened, as text; a secret shows only its fingerprint (or nothing). */
function readable(value: Json, path: string, into: Record<string, string>): void {
  if (isSecretMark(value)) {
    into[path] = value[FINGERPRINT]
    return
  }
  if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0) {
    for (const [key, item] of Object.entries(value)) readable(item, path === '' ? key : `${path}.${key}`, into)
    return
  }
  into[path] = typeof value === 'string' ? value : canonicalJson(value)
}

function dependencies(resource: DesiredResource, config: ChatcfgConfig): string[] {
  const appKey = resource.appKey
  const app = appKey !== undefined ? config.apps?.[appKey] : undefined
  const inApp = (path: string) => `app.${appKey}.${path}`
  switch (resource.kind) {
    case 'app':
      return []
    case 'account':
      return [`app.${appKey}`, ...Object.keys(app?.accounts?.[resource.name]?.custom ?? {}).map((field) => inApp(`userField.${field}`))]
    case 'group': {
      const group = app?.groups?.[resource.name]
      const people = [...(group?.owner ? [group.owner] : []), ...(group?.members ?? [])].filter((id) => app?.accounts?.[id] !== undefined)
      return [
        `app.${appKey}`,
        inApp('groupSettings'),
        ...people.map((id) => inApp(`account.${id}`)),
        ...Object.keys(group?.fields ?? {}).map((field) => inApp(`groupField.${field}`)),
      ]
    }
    case 'policy': {
      const policy = Object.entries(config.policies ?? {}).find(([name, p]) => name === resource.name || p.preset === resource.name)?.[1]
      return [...new Set((policy?.statements ?? []).flatMap((s) => s.apps).filter((key) => key !== '*' && config.apps?.[key] !== undefined))].map(
        (key) => `app.${key}`,
      )
    }
    default:
      // Settings, fields, webhook and push certificates need only their app.
      return [`app.${appKey}`]
  }
}

/**
 * The Terraform resources for a configuration: one null_resource per chatcfg resource, so
 * `terraform plan` names exactly the setting that changes and applies it alone
 * (`chatcfg apply --target ADDRESS`), with dependencies as depends_on. Pure: no cdktf here.
 */
export function terraformResources(config: ChatcfgConfig, options: TerraformOptions): TerraformResource[] {
  const key = options.fingerprintKey
  const fingerprint = (secret: string) => (key ? `hmac-sha256:${createHmac('sha256', key).update(secret).digest('hex').slice(0, 32)}` : SECRET_UNTRACKED)
  const desired = buildDesired(config, fingerprint)
  const names = new Map(desired.resources.map((r) => [r.address, terraformName(r.address)]))
  const paths = options.configPaths.map((p) => quote(posix.normalize(p))).join(' ')
  return desired.resources.map((resource) => {
    const triggers: Record<string, string> = {}
    readable(resource.attributes, '', triggers)
    if (resource.absent) triggers.ensure = 'absent'
    return {
      name: names.get(resource.address) ?? terraformName(resource.address),
      address: resource.address,
      triggers: {hash: hash({attributes: resource.attributes, absent: resource.absent === true}), ...triggers},
      dependsOn: dependencies(resource, config)
        .filter((address) => names.has(address))
        .map((address) => names.get(address) as string),
      command: `npx chatcfg apply --auto-approve --target ${quote(resource.address)} ${paths}`,
    }
  })
}

export {SECRET_UNTRACKED}
