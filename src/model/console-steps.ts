import {leaves, valueAt} from './attributes.js'
import {consolePageOf, isFieldKind, isSettingsKind} from './kinds/index.js'
import type {Attributes, Change, Json, ResourceKind} from './resource.js'

/**
 * One step an operator makes in the Chat console, for a setting no public API can change: the console
 * page, what to do there, and the field and value when there is one.
 */
export interface ConsoleStep {
  readonly page: string
  readonly action: string
  readonly field?: string
  readonly value?: Json
}

/**
 * Settings no public API can read or change are made in the Chat console by an operator. These are
 * the steps, page by page as the console guide names them; a value the configuration holds as a
 * secret stays a fingerprint here and is typed in from its source.
 */

/** App attributes an API manages (the Tag API holds tags and protection); every other app attribute is a console setting. */
export const APP_API_ATTRIBUTES: ReadonlySet<string> = new Set(['tags', 'protected'])

/** The console page of a kind, or of one of its attributes, under the app's page. */
function pageOf(appPage: string, kind: ResourceKind, path?: string): string {
  return `${appPage} › ${consolePageOf(kind, path) ?? ''}`
}

const APPLICATIONS = 'Chat console › Applications'

/** Whether a change is (partly) made in the console rather than through an API. */
export function isManual(change: Change): boolean {
  switch (change.kind) {
    case 'app':
      return change.action !== 'update' || changed(change).some((path) => !APP_API_ATTRIBUTES.has(path.split('.')[0] ?? path))
    case 'account':
      // Admins are made in the console; their profiles, like every account's, go through REST.
      return change.action !== 'update' && (change.after ?? change.before)?.type === 'admin'
    case 'group':
    case 'policy':
      return false
    default:
      return change.action !== 'update' || changed(change).length > 0
  }
}

/** Changed attribute paths: the plan's own list when there is one, else every leaf a create sets. Protection is chatcfg's, never a console step. */
function changed(change: Change & {changedPaths?: readonly string[]}): string[] {
  const paths = change.changedPaths ? change.changedPaths.filter((p) => p !== '(adopted)') : leaves(change.after ?? {}).map(([path]) => path)
  return paths.filter((path) => path !== 'protected')
}

function sets(appPage: string, change: Change & {changedPaths?: readonly string[]}, prefix = ''): ConsoleStep[] {
  const paths =
    change.action === 'create'
      ? leaves(change.after ?? {})
          .map(([path]) => path)
          .filter((path) => path !== 'protected')
      : changed(change)
  return paths.map((path) => ({page: pageOf(appPage, change.kind, path), action: 'Set', field: `${prefix}${path}`, value: valueAt(change.after, path) ?? null}))
}

/** The steps for one change in one app; `appPage` names the app as the console lists it. */
export function consoleStepsFor(change: Change & {changedPaths?: readonly string[]}, appPage: string): ConsoleStep[] | undefined {
  if (!isManual(change)) return undefined
  const after: Attributes = change.after ?? {}
  switch (change.kind) {
    case 'app': {
      if (change.action === 'delete') return [{page: appPage, action: 'Delete Application (it is disabled first)'}]
      const paths =
        change.action === 'create'
          ? Object.keys(after).filter((k) => !APP_API_ATTRIBUTES.has(k))
          : changed(change).filter((p) => !APP_API_ATTRIBUTES.has(p.split('.')[0] ?? p))
      const steps: ConsoleStep[] =
        change.action === 'create' ? [{page: APPLICATIONS, action: 'Create Application, then note its SDKAppID', field: 'name', value: after.name ?? null}] : []
      for (const path of paths) {
        if (change.action === 'create' && path === 'name') continue
        if (change.action === 'create' && path === 'edition' && after.edition === 'developer') continue
        if (change.action === 'create' && path === 'status' && after.status === 'enabled') continue
        const value: Json = valueAt(after, path) ?? null
        if (path === 'edition') steps.push({page: pageOf(appPage, 'app'), action: 'Upgrade Plan', field: 'edition', value})
        else if (path === 'status') steps.push({page: appPage, action: value === 'disabled' ? 'Disable Application' : 'Enable Application'})
        else steps.push({page: pageOf(appPage, 'app'), action: 'Edit', field: path, value})
      }
      return steps
    }
    case 'account':
      return [
        {
          page: pageOf(appPage, 'account'),
          action: change.action === 'delete' ? 'Delete the admin account' : 'Create account with Account Type Administrator',
          field: 'UserID',
          value: change.name,
        },
      ]
    case 'webhook':
      if (change.action === 'delete') return [{page: pageOf(appPage, 'webhook'), action: 'Clear the webhook URL and every event'}]
      return sets(appPage, change)
    case 'push-certificate':
      if (change.action === 'delete')
        return [{page: pageOf(appPage, 'push-certificate'), action: 'Delete certificate', field: 'certificate', value: change.name}]
      if (change.action === 'create') {
        const {protected: _chatcfgOnly, ...certificate} = after
        return [{page: pageOf(appPage, 'push-certificate'), action: 'Add certificate', field: change.name, value: certificate}]
      }
      return sets(appPage, change, `${change.name}.`)
    case 'group':
    case 'policy':
      return undefined
    default: {
      const kind = change.kind
      if (isSettingsKind(kind)) return sets(appPage, change)
      if (isFieldKind(kind)) {
        const page = pageOf(appPage, kind)
        // Fields are never deleted (the plan refuses it); adding one sets everything at once.
        if (change.action === 'create') return [{page, action: 'Add field', field: change.name, value: after}]
        return sets(appPage, change, `${change.name}.`)
      }
      return undefined
    }
  }
}
