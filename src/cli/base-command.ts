import {Command} from '@oclif/core'
import {ExitCode} from './exit-codes.js'

/** Shared behaviour: exit codes from the contract, colour only on a terminal, one line per error and never a stack trace. */
export abstract class BaseCommand extends Command {
  protected get color(): boolean {
    return Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined && process.env.TERM !== 'dumb'
  }

  protected finish(code: ExitCode): void {
    process.exitCode = code
  }

  protected override async catch(error: Error & {oclif?: {exit?: number}}): Promise<void> {
    // oclif signals --help and --version through errors with exit 0; let those through untouched.
    if (error.oclif?.exit === 0) throw error
    process.stderr.write(`chatcfg: error: ${error.message.split('\n')[0]}\n`)
    this.finish(ExitCode.error)
  }
}
