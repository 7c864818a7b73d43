// Shared pieces of the reliability campaigns: workspaces, the emulator's own record of what it stored,
// and a small seeded generator so every run can be repeated from its seed.
import {spawn} from 'node:child_process'
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import Database from 'better-sqlite3'

export const ROOT = join(import.meta.dirname, '..')
export const BIN = join(ROOT, 'bin', 'run.js')

export function workspace(files) {
  const folder = mkdtempSync(join(tmpdir(), 'chatcfg-reliability-'))
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, name)), {recursive: true})
    writeFileSync(join(folder, name), content)
  }
  return folder
}

export const remove = (folder) => rmSync(folder, {recursive: true, force: true})

/** What the emulator itself logged as stored, in the same transaction as each change: the ground truth. */
export function changeLog(path) {
  const db = new Database(path, {readonly: true, fileMustExist: true})
  try {
    return db.prepare('SELECT address, action FROM change_log ORDER BY seq').all()
  } finally {
    db.close()
  }
}

/** The emulator's own seeded generator, so a failing run can be repeated from its seed. */
export {seededRandom as random} from '../dist/providers/emulator/faults.js'

/** Runs the built CLI in a child process without blocking this one (a served emulator here must answer it). */
export function runCli(args, {cwd, env = {}} = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {cwd, env: {PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env}})
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    child.on('close', (code) => resolve({code, output}))
  })
}

/**
 * Checks a report against the emulator's log: an applied change was stored; a change that failed with a
 * known outcome, or was not attempted, was not; no change was stored twice. Returns what does not match.
 */
export function reportMismatches(report, log) {
  const stored = new Map()
  for (const row of log) stored.set(`${row.action} ${row.address}`, (stored.get(`${row.action} ${row.address}`) ?? 0) + 1)
  const problems = []
  for (const result of report.results) {
    const key = `${result.action} ${result.address}`
    const count = stored.get(key) ?? 0
    if (result.status === 'applied' && count === 0) problems.push(`${key}: reported applied, not stored`)
    if (result.status === 'failed' && !result.error?.outcomeUnknown && count > 0) problems.push(`${key}: reported failed, but stored`)
    if (result.status === 'not-attempted' && count > 0) problems.push(`${key}: reported not attempted, but stored`)
  }
  for (const [key, count] of stored) if (count > 1) problems.push(`${key}: stored ${count} times`)
  return problems
}
