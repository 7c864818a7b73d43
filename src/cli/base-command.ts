import {Command} from '@oclif/core/command'
import {type ConfigRequest, closest, type Diagnostic} from '../index.js'
import {renderValidation} from '../render/diagnostics.js'
import {ExitCode} from './exit-codes.js'

/** Shared behaviour: exit codes from the contract, colour only on a terminal, one line per error and never a stack trace. */
export abstract class BaseCommand extends Command {
  protected get color(): boolean {
    return Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined && process.env.TERM !== 'dumb'
  }

  /** Whether a person is at a terminal to answer questions. */
  protected get interactive(): boolean {
    return Boolean(process.stdin.isTTY)
  }

  /** What an operation on configuration files needs from the command line and the process. */
  protected configRequest(argv: readonly unknown[]): ConfigRequest {
    return {paths: argv.map(String), cwd: process.cwd(), env: process.env}
  }

  protected print(text: string): void {
    process.stdout.write(text)
  }

  /** Prints text that comes in pieces, about 64 KiB at a time, so that a long text is never held whole. */
  protected printPieces(pieces: Iterable<string>): void {
    let text = ''
    for (const piece of pieces) {
      text += piece
      if (text.length >= 65536) {
        this.print(text)
        text = ''
      }
    }
    if (text !== '') this.print(text)
  }

  protected warning(message: string): void {
    process.stderr.write(`chatcfg: warning: ${message}\n`)
  }

  private wantsJson(): boolean {
    const args = this.argv
    return args.includes('--format=json') || args.some((arg, i) => arg === '--format' && args[i + 1] === 'json')
  }

  protected finish(code: ExitCode): void {
    process.exitCode = code
  }

  /** Reports configuration problems, one located line each (or as JSON), and exits 1. */
  protected failWithDiagnostics(invalid: {files?: readonly string[]; diagnostics: readonly Diagnostic[]}, format: 'text' | 'json' = 'text'): void {
    this.print(renderValidation({files: invalid.files ?? [], diagnostics: invalid.diagnostics, apps: 0, policies: 0}, format, {color: this.color}))
    this.finish(ExitCode.error)
  }

  /** A flag this command does not have, named with the closest one it has. */
  private unknownFlagMessage(flags: readonly string[]): string {
    const known = Object.keys({...this.ctor.baseFlags, ...this.ctor.flags}).map((name) => `--${name}`)
    const named = flags.map((flag) => {
      const suggestion = closest(flag.split('=')[0], known)
      return `${flag}${suggestion ? ` (did you mean ${suggestion}?)` : ''}`
    })
    return `unknown flag${flags.length === 1 ? '' : 's'} ${named.join(', ')}; ${this.config.bin} ${this.id?.replaceAll(':', ' ') ?? ''} --help lists them`
  }

  protected override async catch(error: Error & {oclif?: {exit?: number}; flags?: unknown}): Promise<void> {
    // oclif signals --help and --version through errors with exit 0; let those through untouched.
    if (error.oclif?.exit === 0) throw error
    const unknownFlags = error.message.startsWith('Nonexistent flag') && Array.isArray(error.flags) ? error.flags.map(String) : undefined
    // One line, whatever the error: oclif's own messages span several.
    const message = (unknownFlags ? this.unknownFlagMessage(unknownFlags) : error.message)
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .join('; ')
    // A caller that asked for JSON gets JSON, even when the command fails.
    if (this.wantsJson()) process.stdout.write(`${JSON.stringify({formatVersion: 1, error: {message}})}\n`)
    process.stderr.write(`chatcfg: error: ${message}\n`)
    this.finish(ExitCode.error)
  }
}
