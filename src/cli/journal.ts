import {mkdirSync, renameSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import type {ApplyResult} from '../apply/apply-plan.js'

export interface JournalHeader {
  readonly plan: string
  readonly provider: string
  readonly startedAt: string
}

/**
 * The journal of an apply, `.chatcfg/last-apply.json` beside the configuration. It is rewritten whole
 * (renamed into place, so never half a file) as results come in, at most every `intervalMs`, and once at
 * the end: a process killed mid-apply leaves a journal that claims only what was done, marked unfinished.
 */
export class ApplyJournal {
  readonly path: string
  private readonly results = new Map<string, ApplyResult>()
  private lastWrite = 0

  constructor(
    folder: string,
    private readonly header: JournalHeader,
    private readonly intervalMs = 100,
  ) {
    const directory = join(folder, '.chatcfg')
    mkdirSync(directory, {recursive: true})
    this.path = join(directory, 'last-apply.json')
    this.write({finished: false})
  }

  record(result: ApplyResult): void {
    this.results.set(result.address + result.action, result)
    if (Date.now() - this.lastWrite >= this.intervalMs) this.write({finished: false})
  }

  finish(ok: boolean, results: readonly ApplyResult[]): void {
    this.write({finished: true, ok, finishedAt: new Date().toISOString(), results})
  }

  private write(state: {finished: boolean; ok?: boolean; finishedAt?: string; results?: readonly ApplyResult[]}): void {
    const journal = {formatVersion: 1, ...this.header, ...state, results: state.results ?? [...this.results.values()]}
    writeFileSync(`${this.path}.tmp`, `${JSON.stringify(journal, null, 2)}\n`)
    renameSync(`${this.path}.tmp`, this.path)
    this.lastWrite = Date.now()
  }
}
