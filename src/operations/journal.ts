import {mkdirSync, renameSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import type {ApplyResult} from '../apply/apply-plan.js'

export interface JournalHeader {
  readonly plan: string
  readonly provider: string
  readonly startedAt: string
}

/** How far the journal may trail the results it has been told about, in milliseconds. */
export const JOURNAL_INTERVAL_MS = 100

/**
 * The journal of an apply, `.chatcfg/last-apply.json` beside the configuration. It is first written
 * with the first result (so under the writer lock), then rewritten whole as results come in, at most
 * every 100 ms and at the latest 100 ms after the last one, and once at the end. Each write goes to a
 * file of this process's own and is renamed into place, so the journal is never half a file: a process
 * killed mid-apply leaves one that claims only what was done, marked unfinished. A journal that cannot
 * be written is reported once and never stops the apply.
 */
export class ApplyJournal {
  readonly path: string
  private readonly results = new Map<string, ApplyResult>()
  private lastWrite = 0
  private pending: NodeJS.Timeout | undefined
  private broken = false

  constructor(
    private readonly folder: string,
    private readonly header: JournalHeader,
    private readonly warn: (message: string) => void,
  ) {
    this.path = join(folder, '.chatcfg', 'last-apply.json')
  }

  record(result: ApplyResult): void {
    this.results.set(`${result.action} ${result.address}`, result)
    if (Date.now() - this.lastWrite >= JOURNAL_INTERVAL_MS) this.flush()
    else this.pending ??= setTimeout(() => this.flush(), JOURNAL_INTERVAL_MS).unref()
  }

  /** Writes what is known now (before the apply waits on an operator, for one). */
  flush(): void {
    this.write({finished: false})
  }

  finish(ok: boolean, results: readonly ApplyResult[]): void {
    this.write({finished: true, ok, finishedAt: new Date().toISOString(), results})
  }

  /** The apply stopped on an error of its own: the journal says so, with what was done until then. */
  abort(message: string): void {
    this.write({finished: true, ok: false, finishedAt: new Date().toISOString(), error: message})
  }

  private write(state: {finished: boolean; ok?: boolean; finishedAt?: string; error?: string; results?: readonly ApplyResult[]}): void {
    clearTimeout(this.pending)
    this.pending = undefined
    if (this.broken) return
    try {
      mkdirSync(join(this.folder, '.chatcfg'), {recursive: true})
      const journal = {formatVersion: 1, ...this.header, ...state, results: state.results ?? [...this.results.values()]}
      const temporary = `${this.path}.${process.pid}.tmp`
      writeFileSync(temporary, `${JSON.stringify(journal, null, 2)}\n`)
      renameSync(temporary, this.path)
      this.lastWrite = Date.now()
    } catch (error) {
      this.broken = true
      this.warn(`cannot write the journal ${this.path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); the apply goes on without it`)
    }
  }
}
