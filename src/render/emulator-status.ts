import {relative} from 'node:path'
import type {EmulatorStatus} from '../providers/emulator/emulator.js'

const plural = (count: number, word: string, many = `${word}s`) => `${count} ${count === 1 ? word : many}`

/** What the emulator holds, for people. */
export function renderEmulatorStatusText(status: EmulatorStatus, cwd: string): string {
  const shown = relative(cwd, status.path).startsWith('..') ? status.path : relative(cwd, status.path)
  const lines = [`emulator ${shown} (schema version ${status.schemaVersion}, account ${status.rootUin})`, plural(status.apps.length, 'app')]
  for (const app of status.apps) {
    lines.push(
      `  ${app.sdkAppId}  ${app.key}  "${app.name}"  ${app.edition}, ${app.status}; ${plural(app.customFields, 'custom field')}, ${plural(app.accounts, 'account')}, ${plural(app.groups, 'group')}`,
    )
  }
  lines.push(
    `${plural(status.policies, 'custom policy', 'custom policies')}, ${plural(status.subUsers, 'sub-user')}, ${plural(status.userGroups, 'user group')}`,
  )
  lines.push(`${plural(status.changesApplied, 'change')} applied`)
  lines.push(
    status.lock
      ? `locked by process ${status.lock.pid} on ${status.lock.host} (${status.lock.purpose}) since ${new Date(status.lock.since).toISOString()}`
      : 'not locked',
  )
  return `${lines.join('\n')}\n`
}

export function renderEmulatorStatusJson(status: EmulatorStatus): string {
  return `${JSON.stringify({formatVersion: 1, exists: true, ...status, lock: status.lock ?? null}, null, 2)}\n`
}
