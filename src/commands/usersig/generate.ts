import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../../cli/base-command.js'
import {ExitCode} from '../../cli/exit-codes.js'
import {appKeyFlags, appKeySource, formatFlag} from '../../cli/flags.js'
import {DEFAULT_USERSIG_VALIDITY_SECONDS, issueUserSig} from '../../index.js'

export default class UserSigGenerate extends BaseCommand {
  static override summary = 'Make a UserSig for a UserID, offline, as the console UserSig tool does'
  static override description =
    `The app secret key is read from the environment (--key-env, default CHATCFG_APP_SECRET_KEY) or a file, never from the command line. The UserSig is printed on stdout; it is valid for 180 days unless --expire says otherwise.`
  static override examples = ['CHATCFG_APP_SECRET_KEY=… <%= config.bin %> usersig generate --sdk-app-id 1400000000 --user-id administrator']
  static override flags = {
    'sdk-app-id': Flags.integer({description: 'SDKAppID of the app', required: true, min: 1}),
    'user-id': Flags.string({description: 'UserID the UserSig is for', required: true}),
    expire: Flags.integer({description: 'validity in seconds', default: DEFAULT_USERSIG_VALIDITY_SECONDS, min: 1}),
    format: formatFlag(['text', 'json'], 'output format (json: the UserSig with its SDKAppID, UserID and expiry)'),
    ...appKeyFlags,
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(UserSigGenerate)
    const key = appKeySource(flags)
    const issued = issueUserSig({...key, sdkAppId: flags['sdk-app-id'], userId: flags['user-id'], expire: flags.expire})
    this.print(flags.format === 'json' ? `${JSON.stringify({formatVersion: 1, ...issued})}\n` : `${issued.userSig}\n`)
    this.finish(ExitCode.ok)
  }
}
