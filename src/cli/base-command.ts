import {Command} from '@oclif/core'
import type {Diagnostic} from '../diagnostics/diagnostic.js'
import {renderValidation} from '../render/diagnostics.js'
import {ExitCode} from './exit-codes.js'

/** Shared behaviour: exit codes from the contract, colour only on a terminal, one line per error and never a stack trace. */
export abstract class BaseCommand extends Command {
  protected get color(): boolean {
    return Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined && process.env.TERM !== 'dumb'
  }

  protected finish(code: ExitCode): void {
    process.exitCode = code
  }

  /** Reports configuration problems, one located line each (or as JSON), and exits 1. */
  protected failWithDiagnostics(files: readonly string[], diagnostics: readonly Diagnostic[], format: 'text' | 'json' = 'text'): void {
    process.stdout.write(renderValidation({files, diagnostics, apps: 0, policies: 0}, format, {color: this.color}))
    this.finish(ExitCode.error)
  }

  protected override async catch(error: Error & {oclif?: {exit?: number}}): Promise<void> {
    // oclif signals --help and --version through errors with exit 0; let those through untouched.
    if (error.oclif?.exit === 0) throw error
    process.stderr.write(`chatcfg: error: ${error.message.split('\n')[0]}\n`)
    this.finish(ExitCode.error)
  }
}
