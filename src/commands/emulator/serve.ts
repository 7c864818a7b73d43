import * as Flags from '@oclif/core/flags'
import {BaseCommand} from '../../cli/base-command.js'
import {emulatorArgs, emulatorFlags, emulatorTarget} from '../../cli/emulator-target.js'
import {ExitCode} from '../../cli/exit-codes.js'
import {Emulator} from '../../providers/emulator/emulator.js'
import {serveEmulator} from '../../providers/emulator/serve/server.js'
import {loadCredentials} from '../../providers/tencentcloud/credentials.js'

export default class EmulatorServe extends BaseCommand {
  static override summary = 'Serve the emulator over HTTP in the real wire formats, for the tencentcloud provider and the official SDKs'
  static override description =
    `REST API v4 under /v4/ (UserSig of an app admin, the v4 envelope and error codes) and API 3.0 for CAM and Tag at / (TC3-HMAC-SHA256 signatures, the API 3.0 envelope), each within the service's documented rate limits.

The emulator plays the account's keys from the environment, as the tencentcloud provider reads them: TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY for API 3.0, and CHATCFG_APP_SECRET_KEY (or CHATCFG_APP_SECRET_KEY_<SDKAppID>) for each app's UserSigs. It listens on 127.0.0.1 only, unless --allow-remote is given. Stop it with Ctrl-C.`
  static override examples = ['TENCENTCLOUD_SECRET_ID=… TENCENTCLOUD_SECRET_KEY=… CHATCFG_APP_SECRET_KEY=… <%= config.bin %> emulator serve --port 8181']
  static override strict = false
  static override args = emulatorArgs
  static override flags = {
    ...emulatorFlags,
    host: Flags.string({description: 'address to listen on', default: '127.0.0.1'}),
    port: Flags.integer({description: 'port to listen on (0 picks a free one)', default: 8181, min: 0, max: 65535}),
    'allow-remote': Flags.boolean({description: 'allow an address beyond loopback (exposes the emulator to the network)'}),
    'latency-ms': Flags.integer({description: 'simulated network latency added to every answer', default: 0, min: 0, max: 60000}),
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(EmulatorServe)
    const target = emulatorTarget(argv as string[], flags.db, process.cwd(), process.env)
    if (!target.options) return this.failWithDiagnostics([], target.diagnostics)
    const credentials = loadCredentials(process.env)
    if (!credentials.cloud)
      throw new Error('set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY: the served emulator checks API 3.0 signatures against them')
    const emulator = Emulator.open(target.options)
    const server = await serveEmulator(emulator, {
      host: flags.host,
      port: flags.port,
      allowRemote: flags['allow-remote'],
      latencyMs: flags['latency-ms'],
      credentials: credentials.cloud,
      appSecretKey: (sdkAppId) => credentials.appSecretKey(sdkAppId),
    }).catch((error: unknown) => {
      emulator.close()
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new Error(`port ${flags.port} on ${flags.host} is in use; pick another with --port`)
      throw error
    })
    process.stdout.write(`emulator ${target.options.path} serving at ${server.url} (REST v4 under /v4/, API 3.0 for cam and tag at /); Ctrl-C stops\n`)
    await new Promise<void>((resolve) => {
      const stop = () => resolve()
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
    await server.close()
    emulator.close()
    this.finish(ExitCode.ok)
  }
}
