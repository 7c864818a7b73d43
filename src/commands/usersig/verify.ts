import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../../cli/base-command.js'
import {ExitCode} from '../../cli/exit-codes.js'
import {appKeyFlags, appKeySource, formatFlag} from '../../cli/flags.js'
import {readStdin} from '../../cli/operator.js'
import {checkUserSig} from '../../index.js'

export default class UserSigVerify extends BaseCommand {
  static override summary = 'Check a UserSig, offline, as the service does'
  static override description =
    `Checks, in the service's order, that the UserSig can be read, was made for this SDKAppID and UserID, has not expired and was signed with this app's key. A refusal names the REST error code the service would return (70001 expired, 70003 unreadable, 70009 wrong key, 70013 other UserID, 70014 other SDKAppID) and exits 1. Without USERSIG the UserSig is read from stdin.`
  static override examples = ['<%= config.bin %> usersig verify --sdk-app-id 1400000000 --user-id administrator "$USERSIG"']
  static override args = {usersig: Args.string({description: 'the UserSig (read from stdin when left out)'})}
  static override flags = {
    'sdk-app-id': Flags.integer({description: 'SDKAppID the UserSig must be for', required: true, min: 1}),
    'user-id': Flags.string({description: 'UserID the UserSig must be for', required: true}),
    format: formatFlag(['text', 'json']),
    ...appKeyFlags,
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(UserSigVerify)
    const key = appKeySource(flags)
    const userSig = args.usersig ?? (await readStdin())
    const verdict = checkUserSig({...key, userSig, sdkAppId: flags['sdk-app-id'], userId: flags['user-id']})
    if (verdict.valid) {
      const {fields, issuedAt, expiresAt} = verdict
      if (flags.format === 'json') this.print(`${JSON.stringify({formatVersion: 1, valid: true, ...fields, issuedAt, expiresAt})}\n`)
      else this.print(`valid: UserSig for ${fields.identifier} in app ${fields.sdkAppId}, issued ${issuedAt}, expires ${expiresAt}\n`)
      return this.finish(ExitCode.ok)
    }
    const {code, message} = verdict
    if (flags.format === 'json') this.print(`${JSON.stringify({formatVersion: 1, valid: false, error: {code, message}})}\n`)
    process.stderr.write(`chatcfg: error[${code}]: ${message}\n`)
    this.finish(ExitCode.error)
  }
}
