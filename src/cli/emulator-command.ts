import type {EmulatorRequest} from '../index.js'
import {BaseCommand} from './base-command.js'
import {emulatorArgs, emulatorFlags} from './flags.js'

/** The commands that work on one emulator database: the configuration's, or the one --db names. */
export abstract class EmulatorCommand extends BaseCommand {
  static override strict = false
  static override args = emulatorArgs
  static override baseFlags = emulatorFlags

  protected emulatorRequest(argv: readonly unknown[], flags: {db?: string | undefined}): EmulatorRequest {
    return {...this.configRequest(argv), ...(flags.db ? {db: flags.db} : {})}
  }
}
