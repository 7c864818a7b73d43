import * as Flags from '@oclif/core/flags'
import {EmulatorCommand} from '../../cli/emulator-command.js'
import {ExitCode} from '../../cli/exit-codes.js'
import {emulatorArgs} from '../../cli/flags.js'
import {serveEmulatorOver} from '../../index.js'

export default class EmulatorServe extends EmulatorCommand {
  static override summary = 'Serve the emulator over HTTP in the real wire formats, for the tencentcloud provider and the official SDKs'
  static override description =
    `REST API v4 under /v4/ (UserSig of an app admin, the v4 envelope and error codes) and API 3.0 for CAM and Tag at / (TC3-HMAC-SHA256 signatures, the API 3.0 envelope), each within the service's documented rate limits.

The emulator plays the account's keys from the environment, as the tencentcloud provider reads them: TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY for API 3.0, and CHATCFG_APP_SECRET_KEY (or CHATCFG_APP_SECRET_KEY_<SDKAppID>) for each app's UserSigs. It listens on 127.0.0.1 only, unless --allow-remote is given. Stop it with Ctrl-C.`
  static override examples = ['TENCENTCLOUD_SECRET_ID=… TENCENTCLOUD_SECRET_KEY=… CHATCFG_APP_SECRET_KEY=… <%= config.bin %> emulator serve --port 8181']
  // oclif's parse copies the command's own statics only: what EmulatorCommand declares is restated here.
  static override strict = false
  static override args = emulatorArgs
  static override flags = {
    host: Flags.string({description: 'address to listen on', default: '127.0.0.1'}),
    port: Flags.integer({description: 'port to listen on (0 picks a free one)', default: 8181, min: 0, max: 65535}),
    'allow-remote': Flags.boolean({description: 'allow an address beyond loopback (exposes the emulator to the network)'}),
    'latency-ms': Flags.integer({description: 'simulated network latency added to every answer', default: 0, min: 0, max: 60000}),
    site: Flags.string({description: 'the site whose documented limits apply where the sites differ', options: ['intl', 'china'], default: 'intl'}),
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(EmulatorServe)
    const {host, port} = flags
    const request = {
      ...this.emulatorRequest(argv, flags),
      host,
      port,
      allowRemote: flags['allow-remote'],
      latencyMs: flags['latency-ms'],
      site: flags.site === 'china' ? ('china' as const) : ('intl' as const),
    }
    const served = await serveEmulatorOver(request)
    if (!served.ok) return this.failWithDiagnostics(served)
    this.print(`emulator ${served.path} serving at ${served.url} (REST v4 under /v4/, API 3.0 for cam and tag at /); Ctrl-C stops\n`)
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve())
      process.once('SIGTERM', () => resolve())
    })
    await served.close()
    this.finish(ExitCode.ok)
  }
}
