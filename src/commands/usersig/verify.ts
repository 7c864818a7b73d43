import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {verifyUserSig} from '../../auth/usersig.js'
import {appKeyFlags, readAppSecretKey} from '../../cli/app-secret-key.js'
import {BaseCommand} from '../../cli/base-command.js'
import {ExitCode} from '../../cli/exit-codes.js'

export default class UserSigVerify extends BaseCommand {
  static override summary = 'Check a UserSig, offline, as the service does'
  static override description =
    `Checks, in the service's order, that the UserSig can be read, was made for this SDKAppID and UserID, has not expired and was signed with this app's key. A refusal names the REST error code the service would return (70001 expired, 70003 unreadable, 70009 wrong key, 70013 other UserID, 70014 other SDKAppID) and exits 1. Without USERSIG the UserSig is read from stdin.`
  static override examples = ['<%= config.bin %> usersig verify --sdk-app-id 1400000000 --user-id administrator "$USERSIG"']
  static override args = {usersig: Args.string({description: 'the UserSig (read from stdin when left out)'})}
  static override flags = {
    'sdk-app-id': Flags.integer({description: 'SDKAppID the UserSig must be for', required: true, min: 1}),
    'user-id': Flags.string({description: 'UserID the UserSig must be for', required: true}),
    json: Flags.boolean({description: 'print the result as JSON'}),
    ...appKeyFlags,
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(UserSigVerify)
    const secretKey = readAppSecretKey(flags, process.cwd(), process.env)
    const userSig = (args.usersig ?? (await readStdin())).trim()
    const result = verifyUserSig(userSig, {secretKey, sdkAppId: flags['sdk-app-id'], identifier: flags['user-id'], now: Math.floor(Date.now() / 1000)})
    if (result.ok) {
      const expiresAt = new Date((result.fields.time + result.fields.expire) * 1000).toISOString()
      const issuedAt = new Date(result.fields.time * 1000).toISOString()
      if (flags.json) process.stdout.write(`${JSON.stringify({formatVersion: 1, valid: true, ...result.fields, issuedAt, expiresAt})}\n`)
      else process.stdout.write(`valid: UserSig for ${result.fields.identifier} in app ${result.fields.sdkAppId}, issued ${issuedAt}, expires ${expiresAt}\n`)
      this.finish(ExitCode.ok)
      return
    }
    const {code, message} = result.rejection
    if (flags.json) process.stdout.write(`${JSON.stringify({formatVersion: 1, valid: false, error: {code, message}})}\n`)
    process.stderr.write(`chatcfg: error[${code}]: ${message}\n`)
    this.finish(ExitCode.error)
  }
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return ''
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
